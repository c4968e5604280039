import { settingsFrom } from '@tsumiki/core'

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
  /** `APPCONFIG_APPLICATION`, `APPCONFIG_ENVIRONMENT`, `FLAGS_PROFILE`: where the feature flags are, in AppConfig. */
  readonly appConfigApplication: string
  readonly appConfigEnvironment: string
  readonly flagsProfile: string
}

/** The environment variable names, as the stack and the local environment set them. */
export const settingNames = {
  ordersTableParameter: 'ORDERS_TABLE_PARAMETER',
  apiKeySecret: 'API_KEY_SECRET',
  idempotencyTable: 'IDEMPOTENCY_TABLE',
  allowedOrigins: 'ALLOWED_ORIGINS',
  appConfigApplication: 'APPCONFIG_APPLICATION',
  appConfigEnvironment: 'APPCONFIG_ENVIRONMENT',
  flagsProfile: 'FLAGS_PROFILE',
} as const satisfies Record<keyof Settings, string>

/** The settings of `env`: core's `settingsFrom()` (every missing variable named at once), the origins as a list. */
export function readSettings(env: Readonly<Record<string, string | undefined>>): Settings {
  const settings = settingsFrom(settingNames, env)
  return {
    ...settings,
    allowedOrigins: settings.allowedOrigins
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  }
}
