import { settingsFrom } from '@tsumiki/core'

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

/** The settings of `env`: core's `settingsFrom()` for the one it needs (a missing one is named), the other if set. */
export function readSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const { outputBucket } = settingsFrom({ outputBucket: settingNames.outputBucket }, env)
  const incomingBucket = (env[settingNames.incomingBucket] ?? '').trim() || undefined
  // A deployment that names one bucket for both would never take an event: refused at cold start.
  if (incomingBucket === outputBucket) {
    throw new Error(
      `${settingNames.outputBucket} and ${settingNames.incomingBucket} are both ${outputBucket}: the function would trigger itself`,
    )
  }
  return { outputBucket, incomingBucket }
}
