import { describe, expect, it } from 'vitest'
import { marshall } from '../../src/index.js'

describe('marshall', () => {
  it('marshalls strings to S', () => {
    expect(marshall({ name: 'Ada' })).toEqual({ name: { S: 'Ada' } })
  })

  it('marshalls numbers and bigints to N strings', () => {
    expect(marshall({ integer: 42, decimal: -1.5, big: 12345678901234567890n })).toEqual({
      integer: { N: '42' },
      decimal: { N: '-1.5' },
      big: { N: '12345678901234567890' },
    })
  })

  it('marshalls booleans to BOOL', () => {
    expect(marshall({ yes: true, no: false })).toEqual({ yes: { BOOL: true }, no: { BOOL: false } })
  })

  it('marshalls null to NULL', () => {
    expect(marshall({ nothing: null })).toEqual({ nothing: { NULL: true } })
  })

  it('marshalls arrays to L, element by element', () => {
    expect(marshall({ list: ['a', 1, true, null, ['nested']] })).toEqual({
      list: { L: [{ S: 'a' }, { N: '1' }, { BOOL: true }, { NULL: true }, { L: [{ S: 'nested' }] }] },
    })
  })

  it('marshalls plain objects to M, at any depth', () => {
    expect(marshall({ address: { city: 'Paris', geo: { lat: 48.85 } } })).toEqual({
      address: { M: { city: { S: 'Paris' }, geo: { M: { lat: { N: '48.85' } } } } },
    })
  })

  it('marshalls bytes (Uint8Array and Buffer) to B as a base64 string', () => {
    expect(marshall({ bytes: new Uint8Array([104, 105]), buffer: Buffer.from('hi') })).toEqual({
      bytes: { B: 'aGk=' },
      buffer: { B: 'aGk=' },
    })
  })

  it('marshalls only the viewed part of a byte array', () => {
    const view = new Uint8Array([0, 104, 105, 0]).subarray(1, 3)
    expect(marshall({ view })).toEqual({ view: { B: 'aGk=' } })
  })

  it('marshalls sets of strings, numbers and bytes to SS, NS and BS', () => {
    expect(
      marshall({ tags: new Set(['a', 'b']), scores: new Set([1, 2]), blobs: new Set([new Uint8Array([1])]) }),
    ).toEqual({ tags: { SS: ['a', 'b'] }, scores: { NS: ['1', '2'] }, blobs: { BS: ['AQ=='] } })
  })

  it('keeps attributes named like Object.prototype members as attributes', () => {
    const attributes = marshall(JSON.parse('{"__proto__":{"a":1},"constructor":"c"}'))
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype)
    expect(Object.keys(attributes).sort()).toEqual(['__proto__', 'constructor'])
    expect(Object.getOwnPropertyDescriptor(attributes, '__proto__')?.value).toEqual({ M: { a: { N: '1' } } })
    expect(attributes.constructor).toEqual({ S: 'c' })
  })

  it('leaves out undefined properties', () => {
    expect(marshall({ kept: 'x', dropped: undefined })).toEqual({ kept: { S: 'x' } })
  })

  it('refuses values DynamoDB cannot store, naming where they are', () => {
    expect(() => marshall({ when: new Date() })).toThrow(/Date at "when"/)
    expect(() => marshall({ nested: { list: [Number.NaN] } })).toThrow(/"nested\.list\[0\]"/)
    expect(() => marshall({ empty: new Set() })).toThrow(/empty set/)
    expect(() => marshall({ mixed: new Set(['a', 1]) })).toThrow(/only strings, only numbers or only bytes/)
    expect(() => marshall({ list: [undefined] })).toThrow(/undefined at "list\[0\]"/)
  })
})
