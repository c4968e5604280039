/**
 * `T` with every property optional at every depth, for overriding factory defaults.
 *
 * Arrays are not made partial: an override array replaces the default one whole, because merging
 * element by element (is `[a]` over `[x, y]` meant to keep `y`?) has no answer that is right for lists.
 */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T
