/** What the function reads from its environment, checked once at module load. */
export interface Settings {
  /** `SHIPMENTS_TABLE`: the table booked shipments are written to. */
  readonly shipmentsTable: string
  /** `IDEMPOTENCY_TABLE`: the idempotency table's name. */
  readonly idempotencyTable: string
  /** `DEAD_LETTER_QUEUE_URL`: the queue poison messages are parked on. */
  readonly deadLetterQueueUrl: string
}

/** The environment variable names, as the stack and the local environment set them. */
export const settingNames = {
  shipmentsTable: 'SHIPMENTS_TABLE',
  idempotencyTable: 'IDEMPOTENCY_TABLE',
  deadLetterQueueUrl: 'DEAD_LETTER_QUEUE_URL',
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
  const missing = Object.values(settingNames).filter((name) => (env[name] ?? '').trim() === '')
  if (missing.length > 0) throw new MissingSettingError(missing)
  const read = (name: string) => (env[name] ?? '').trim()
  return {
    shipmentsTable: read(settingNames.shipmentsTable),
    idempotencyTable: read(settingNames.idempotencyTable),
    deadLetterQueueUrl: read(settingNames.deadLetterQueueUrl),
  }
}
