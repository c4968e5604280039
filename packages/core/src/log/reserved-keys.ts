/** Keys a line writes itself; a `true` value means taken. A null-prototype object: one lookup per key. */
export type ReservedKeys = Readonly<Record<string, true | undefined>>

/** The `ReservedKeys` of these keys. */
export function reservedKeys(keys: readonly string[]): ReservedKeys {
  const set: Record<string, true> = Object.create(null)
  for (const key of keys) set[key] = true
  return set
}
