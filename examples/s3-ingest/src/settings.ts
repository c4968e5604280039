/** What the function reads from its environment, checked once at module load. */
export interface Settings {
  /** `OUTPUT_BUCKET`: the bucket processed orders go to; never the incoming one, or the function triggers itself. */
  readonly outputBucket: string
  /**
   * `INCOMING_BUCKET`: the bucket whose uploads trigger the function. Optional (the event names the bucket); when
   * set, it must differ from `OUTPUT_BUCKET`.
   */
  readonly incomingBucket: string | undefined
}

/** The environment variable names, as the stack and the local environment set them. */
export const settingNames = {
  outputBucket: 'OUTPUT_BUCKET',
  incomingBucket: 'INCOMING_BUCKET',
} as const satisfies Record<keyof Settings, string>

/** A deployment mistake, stopped at cold start with every missing variable named at once. */
export class MissingSettingError extends Error {
  override readonly name = 'MissingSettingError'
  readonly variables: readonly string[]

  constructor(variables: readonly string[]) {
    super(`Missing environment variable${variables.length > 1 ? 's' : ''}: ${variables.join(', ')}`)
    this.variables = variables
  }
}

export function settingsFrom(env: Readonly<Record<string, string | undefined>>): Settings {
  const required = [settingNames.outputBucket]
  const missing = required.filter((name) => (env[name] ?? '').trim() === '')
  if (missing.length > 0) throw new MissingSettingError(missing)
  const read = (name: string) => (env[name] ?? '').trim()
  const outputBucket = read(settingNames.outputBucket)
  const incomingBucket = read(settingNames.incomingBucket) || undefined
  // A deployment that names one bucket for both would never take an event: refused at cold start.
  if (incomingBucket === outputBucket) {
    throw new Error(
      `${settingNames.outputBucket} and ${settingNames.incomingBucket} are both ${outputBucket}: the function would trigger itself`,
    )
  }
  return { outputBucket, incomingBucket }
}
