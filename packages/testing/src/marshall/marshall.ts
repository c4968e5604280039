import type { AttributeValue } from 'aws-lambda'
import { isPlainObject } from '../deep-merge/is-plain-object.js'

/**
 * A plain JavaScript item as the DynamoDB AttributeValue map a stream record carries.
 *
 * string → `S`, number and bigint → `N`, boolean → `BOOL`, null → `NULL`, array → `L`, plain object → `M`,
 * bytes (`Uint8Array`, `Buffer`) → `B` as base64, and a `Set` of strings, numbers or bytes → `SS`, `NS`, `BS`.
 * Properties that are `undefined` are left out, as they would be from JSON. Anything DynamoDB cannot store
 * (a `Date`, a function, `NaN`, an empty set) throws, naming where it is.
 */
export function marshall(item: Readonly<Record<string, unknown>>): Record<string, AttributeValue> {
  return marshallMap(item, '')
}

function marshallMap(map: Readonly<Record<string, unknown>>, path: string): Record<string, AttributeValue> {
  // Object.fromEntries defines own properties: an attribute named `__proto__` stays an attribute.
  return Object.fromEntries(
    Object.entries(map).flatMap(([name, value]) =>
      value === undefined ? [] : [[name, marshallValue(value, path ? `${path}.${name}` : name)]],
    ),
  )
}

function marshallValue(value: unknown, path: string): AttributeValue {
  if (typeof value === 'string') return { S: value }
  if (typeof value === 'number' || typeof value === 'bigint') return { N: formatNumber(value, path) }
  if (typeof value === 'boolean') return { BOOL: value }
  if (value === null) return { NULL: true }
  if (value instanceof Uint8Array) return { B: base64(value) }
  if (Array.isArray(value))
    return { L: value.map((element, index) => marshallValue(element, `${path}[${index}]`)) }
  if (value instanceof Set) return marshallSet(value, path)
  if (isPlainObject(value)) return { M: marshallMap(value, path) }
  throw new TypeError(`Cannot marshall ${describe(value)} at "${path}" to a DynamoDB attribute value.`)
}

function marshallSet(set: ReadonlySet<unknown>, path: string): AttributeValue {
  const elements = [...set]
  if (elements.length === 0)
    throw new TypeError(`Cannot marshall the empty set at "${path}": DynamoDB rejects empty sets.`)
  if (elements.every((element) => typeof element === 'string')) return { SS: elements }
  if (elements.every((element) => typeof element === 'number' || typeof element === 'bigint')) {
    return { NS: elements.map((element) => formatNumber(element, path)) }
  }
  if (elements.every((element) => element instanceof Uint8Array)) return { BS: elements.map(base64) }
  throw new TypeError(
    `Cannot marshall the set at "${path}": a DynamoDB set holds only strings, only numbers or only bytes.`,
  )
}

function formatNumber(value: number | bigint, path: string): string {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new TypeError(`Cannot marshall ${value} at "${path}": DynamoDB numbers are finite.`)
  }
  return String(value)
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (typeof value === 'object' && value !== null) return `a ${value.constructor?.name ?? 'object'}`
  return `a ${typeof value}`
}
