import { randomHex } from './random-ids.js'

/** A log stream name as Lambda makes one per execution environment: `<yyyy>/<mm>/<dd>/[<version>]<32 hex>`. */
export function newLogStreamName(functionVersion: string, now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  const date = `${now.getUTCFullYear()}/${pad(now.getUTCMonth() + 1)}/${pad(now.getUTCDate())}`
  return `${date}/[${functionVersion}]${randomHex(32)}`
}
