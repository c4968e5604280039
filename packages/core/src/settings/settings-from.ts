import { setOwn } from '../engine/set-own.js'
import { MissingSettingError } from '../errors/missing-setting-error.js'
import { checkOption } from '../options/check-options.js'
import { nonEmptyString, recordOf, required } from '../options/option-rules.js'

/**
 * What a function reads from its environment, read once at cold start: `names` maps each setting to its variable
 * (`{ ordersTable: 'ORDERS_TABLE' }`), and the answer maps each setting to its variable's value, trimmed. There is
 * no default: a default such as `process.env.TABLE ?? 'orders'` turns a deployment mistake into writes to a table
 * nobody meant. A variable missing or blank is a `MissingSettingError` naming every one at once.
 *
 * `env` is `process.env`, or any record of variables (a test's).
 */
export function settingsFrom<const Names extends Readonly<Record<string, string>>>(
  names: Names,
  env: Readonly<Record<string, string | undefined>>,
): { readonly [Setting in keyof Names]: string } {
  checkOption('settingsFrom()', 'names', names, required(recordOf(nonEmptyString)))
  const settings: Record<string, string> = {}
  const missing: string[] = []
  for (const [setting, variable] of Object.entries(names)) {
    const value = (env[variable] ?? '').trim()
    if (value === '') missing.push(variable)
    else setOwn(settings, setting, value)
  }
  if (missing.length > 0) throw new MissingSettingError(missing)
  return settings as { readonly [Setting in keyof Names]: string }
}
