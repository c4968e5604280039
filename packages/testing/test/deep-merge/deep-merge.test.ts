import { describe, expect, it } from 'vitest'
import { deepMerge } from '../../src/index.js'

interface Settings {
  name: string
  retries: number
  tags: string[]
  nested: { enabled: boolean; label: string | null; deeper: { level: number } }
  bytes?: Uint8Array
}

const createDefaults = (): Settings => ({
  name: 'default',
  retries: 3,
  tags: ['a', 'b'],
  nested: { enabled: true, label: 'on', deeper: { level: 1 } },
})

describe('deepMerge', () => {
  it('returns a copy of the defaults when there are no overrides', () => {
    const defaults = createDefaults()
    const merged = deepMerge(defaults)
    expect(merged).toEqual(defaults)
    expect(merged).not.toBe(defaults)
    expect(merged.nested).not.toBe(defaults.nested)
    expect(merged.tags).not.toBe(defaults.tags)
  })

  it('overrides properties at any depth and keeps the siblings it does not name', () => {
    const merged = deepMerge(createDefaults(), { nested: { deeper: { level: 5 } } })
    expect(merged).toEqual({
      name: 'default',
      retries: 3,
      tags: ['a', 'b'],
      nested: { enabled: true, label: 'on', deeper: { level: 5 } },
    })
  })

  it('replaces arrays whole instead of merging them element by element', () => {
    expect(deepMerge(createDefaults(), { tags: ['z'] }).tags).toEqual(['z'])
    expect(deepMerge(createDefaults(), { tags: [] }).tags).toEqual([])
  })

  it('keeps the default where an override is undefined', () => {
    const merged = deepMerge(createDefaults(), { name: undefined, nested: { label: undefined } })
    expect(merged.name).toBe('default')
    expect(merged.nested.label).toBe('on')
  })

  it('sets null where an override is null', () => {
    expect(deepMerge(createDefaults(), { nested: { label: null } }).nested.label).toBeNull()
  })

  it('adds properties the defaults do not have, but not undefined ones', () => {
    const merged = deepMerge<Record<string, unknown>>({ a: 1 }, { b: 2, c: undefined })
    expect(merged).toEqual({ a: 1, b: 2 })
    expect(Object.hasOwn(merged, 'c')).toBe(false)
  })

  it('never mutates the defaults or the overrides', () => {
    const defaults = createDefaults()
    const overrides = { tags: ['x'], nested: { deeper: { level: 9 } } }
    const defaultsBefore = structuredClone(defaults)
    const overridesBefore = structuredClone(overrides)
    deepMerge(defaults, overrides)
    expect(defaults).toEqual(defaultsBefore)
    expect(overrides).toEqual(overridesBefore)
  })

  it('returns a result that shares no object or array with its inputs, so changing it changes neither', () => {
    const defaults = createDefaults()
    const overrides = { tags: ['x'], nested: { deeper: { level: 9 } } }
    const merged = deepMerge(defaults, overrides)
    merged.tags.push('pushed')
    merged.nested.deeper.level = 100
    expect(defaults.tags).toEqual(['a', 'b'])
    expect(overrides.tags).toEqual(['x'])
    expect(overrides.nested.deeper.level).toBe(9)
  })

  it('takes non-plain objects such as bytes as values, not as objects to merge into', () => {
    const bytes = new Uint8Array([1, 2, 3])
    const merged = deepMerge(createDefaults(), { bytes })
    expect(merged.bytes).toBe(bytes)
  })

  it('treats a "__proto__" key in overrides as data, never as the prototype', () => {
    const overrides: unknown = JSON.parse('{"__proto__": {"polluted": true}}')
    const merged = deepMerge<Record<string, unknown>>({}, overrides as Record<string, unknown>)
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype)
    expect(Object.hasOwn(merged, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('ignores inherited members of the overrides, such as "constructor"', () => {
    const merged = deepMerge<Record<string, unknown>>({ constructor: 'kept' }, {})
    expect(merged.constructor).toBe('kept')
  })
})
