/**
 * How tsumiki's errors are recognised: by a global symbol on the error, never by `instanceof`, so an error made by
 * one copy of a package (its CJS and ESM builds side by side, two versions in one bundle) is recognised by another.
 * Each error class makes one brand beside it, marks every instance in its constructor, and exports `is<Name>()`:
 *
 * ```ts
 * const brand = errorBrand<OrderError>('OrderError')
 * export class OrderError extends TsumikiError {
 *   constructor() { super('ORDER_FAILED', '...'); brand.mark(this) }
 * }
 * export function isOrderError(error: unknown): error is OrderError { return brand.is(error) }
 * ```
 *
 * The mark is on the instance, not the prototype: a statement at module level is one a bundler keeps, so a class
 * branded on its prototype would ride along in every bundle that imports its package.
 */
export interface ErrorBrand<TError extends object> {
  /** Marks an error: the class's constructor calls it with `this`. */
  readonly mark: (error: TError) => void
  /** True for an error any copy of the class marked (subclasses included). */
  readonly is: (value: unknown) => value is TError
}

/** The brand of the errors named `name`: the global symbol `Symbol.for('tsumiki.<name>')`. */
export function errorBrand<TError extends object>(name: string): ErrorBrand<TError> {
  const key = Symbol.for(`tsumiki.${name}`)
  return {
    mark(error) {
      // Its presence is the mark (`is` asks `key in value`), so it has no value to get wrong.
      Object.defineProperty(error, key, {})
    },
    is: (value): value is TError => typeof value === 'object' && value !== null && key in value,
  }
}
