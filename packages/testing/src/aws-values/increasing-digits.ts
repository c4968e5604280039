/**
 * A source of digit strings that only ever increase, like stream sequence numbers and S3 sequencers.
 *
 * Every string has the same length, so they order the same way compared as strings or as numbers. The
 * counter starts from the clock, so numbers also keep increasing across test runs, as real ones do.
 */
export function increasingDigits(options: {
  length: number
  prefix?: string
  radix?: 10 | 16
}): () => string {
  const prefix = options.prefix ?? ''
  const counterLength = options.length - prefix.length
  const radix = options.radix ?? 10
  let counter = BigInt(Date.now()) * 1000n
  return () => {
    counter += 1n
    return prefix + counter.toString(radix).toUpperCase().padStart(counterLength, '0')
  }
}
