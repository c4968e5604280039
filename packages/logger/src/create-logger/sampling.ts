/**
 * Whether one invocation logs at debug level. Drawn once per invocation by the logger made for it and kept on that
 * logger only, so the decision ends with the invocation: the next one (or one running beside it) draws again.
 */
export function drawSample(sampleRate: number, random: () => number = Math.random): boolean {
  if (sampleRate <= 0) return false
  return sampleRate >= 1 || random() < sampleRate
}

/** A sample rate is a probability; anything else is a configuration mistake worth saying so at module load. */
export function isSampleRate(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1
}
