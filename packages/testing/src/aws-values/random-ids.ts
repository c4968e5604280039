import { randomBytes, randomInt } from 'node:crypto'

const alphanumerics = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const lowerAlphanumerics = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length)
}

export function randomAlphanumeric(length: number, alphabet: 'mixed' | 'lower' = 'mixed'): string {
  const characters = alphabet === 'lower' ? lowerAlphanumerics : alphanumerics
  let id = ''
  for (let index = 0; index < length; index++) id += characters.charAt(randomInt(characters.length))
  return id
}

export function randomBase64(byteLength: number): string {
  return randomBytes(byteLength).toString('base64')
}

/** An X-Ray trace header as load balancers and API Gateway add it: `Root=1-<epoch seconds hex>-<96-bit id>`. */
export function randomTraceHeader(nowMs = Date.now()): string {
  return `Root=1-${Math.floor(nowMs / 1000).toString(16)}-${randomHex(24)}`
}
