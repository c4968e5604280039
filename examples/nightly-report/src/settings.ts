/** What the function reads from its environment, checked once at module load. */
export interface Settings {
  /** `ORDERS_TABLE`: the table the day's orders are read from. */
  readonly ordersTable: string
  /** `REPORTS_TABLE`: the table each day's report is saved to, once. */
  readonly reportsTable: string
}

/** The environment variable names, as the stack and the local environment set them. */
export const settingNames = {
  ordersTable: 'ORDERS_TABLE',
  reportsTable: 'REPORTS_TABLE',
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
    ordersTable: read(settingNames.ordersTable),
    reportsTable: read(settingNames.reportsTable),
  }
}
