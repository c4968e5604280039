import { describe, expect, it } from 'vitest'
import { setOwn } from '../../src/index.js'

describe('setOwn', () => {
  it('makes every name an own enumerable field, __proto__ and constructor included', () => {
    const target: Record<string, string> = {}
    for (const name of ['a', '__proto__', 'constructor', 'toString']) setOwn(target, name, `v-${name}`)
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype)
    expect(Object.keys(target)).toEqual(['a', '__proto__', 'constructor', 'toString'])
    expect(Object.getOwnPropertyDescriptor(target, '__proto__')).toEqual({
      value: 'v-__proto__',
      writable: true,
      enumerable: true,
      configurable: true,
    })
    expect(JSON.parse(JSON.stringify(target))).toEqual(Object.fromEntries(Object.entries(target)))
  })

  it('replaces a field already there', () => {
    const target: Record<string, number> = {}
    setOwn(target, '__proto__', 1)
    setOwn(target, '__proto__', 2)
    setOwn(target, 'x', 1)
    setOwn(target, 'x', 2)
    expect(Object.entries(target)).toEqual([
      ['__proto__', 2],
      ['x', 2],
    ])
  })
})
