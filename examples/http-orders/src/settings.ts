/** What the function reads from its environment, checked once at module load. */
export interface Settings {
  /** `ORDERS_TABLE_PARAMETER`: the name of the SSM parameter that holds the orders table's name. */
  readonly ordersTableParameter: string
  /** `API_KEY_SECRET`: the id (name or ARN) of the Secrets Manager secret that holds the API key. */
  readonly apiKeySecret: string
  /** `IDEMPOTENCY_TABLE`: the idempotency table's name. */
  readonly idempotencyTable: string
  /** `ALLOWED_ORIGINS`: the browser origins allowed to call, comma-separated (`https://shop.example.com`). */
  readonly allowedOrigins: readonly string[]
}

/** The environment variable names, as the stack and the local environment set them. */
export const settingNames = {
  ordersTableParameter: 'ORDERS_TABLE_PARAMETER',
  apiKeySecret: 'API_KEY_SECRET',
  idempotencyTable: 'IDEMPOTENCY_TABLE',
  allowedOrigins: 'ALLOWED_ORIGINS',
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
    ordersTableParameter: read(settingNames.ordersTableParameter),
    apiKeySecret: read(settingNames.apiKeySecret),
    idempotencyTable: read(settingNames.idempotencyTable),
    allowedOrigins: read(settingNames.allowedOrigins)
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  }
}
