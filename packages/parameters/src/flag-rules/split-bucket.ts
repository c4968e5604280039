/**
 * Where a value falls in 0 ≤ bucket < 100 for `split`: FNV-1a over the seed and the value (UTF-16 code units),
 * finished by MurmurHash3's mixer so that similar values (user-1, user-2) spread evenly. The same seed and value
 * give the same bucket on every run and every machine.
 */
export function splitBucket(seed: string, value: string): number {
  let hash = 0x811c9dc5
  const input = `${seed}\u0000${value}`
  for (let index = 0; index < input.length; index++) {
    hash ^= input.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return ((hash >>> 0) / 0x1_0000_0000) * 100
}
