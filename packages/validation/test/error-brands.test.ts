import { createRequire } from 'node:module'
import { isTsumikiError } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'

/*
 * The package as users load it, twice: its CJS build (what `require()` gets) and its ESM build, each with its own
 * copy of @tsumiki/core. Two copies of every class: an error made by one is no instance of the other's, and must
 * still be recognised by it.
 */
type Module = Record<string, unknown>
const cjs = createRequire(import.meta.url)('../dist/index.cjs') as Module
// Not a literal: the type check runs before this package is built, and needs no types of the build.
const esm = (await import(new URL('../dist/index.js', import.meta.url).href)) as Module

/** How to make each exported error class, from either build; the test fails when a class is missing here. */
const make: Record<string, (module: Module) => unknown> = {
  ValidationError: (m) =>
    construct(m, 'ValidationError', 'Invalid body', [{ path: ['qty'], message: 'too small' }]),
  OutputValidationError: (m) => construct(m, 'OutputValidationError', [{ path: [], message: 'bad' }]),
  SchemaFailedError: (m) => construct(m, 'SchemaFailedError', 'body', new Error('bug')),
}

function construct(module: Module, name: string, ...args: unknown[]): unknown {
  return new (module[name] as new (...args: unknown[]) => unknown)(...args)
}

function errorClassesOf(module: Module): string[] {
  return Object.keys(module).filter((name) => {
    const value = module[name]
    return typeof value === 'function' && value.prototype instanceof Error
  })
}

describe('an error made by the CJS build', () => {
  it('is tested for every error class the package exports', () => {
    expect(errorClassesOf(esm).sort()).toEqual(Object.keys(make).sort())
    expect(errorClassesOf(cjs).sort()).toEqual(Object.keys(make).sort())
  })

  it.each(Object.keys(make))(
    '%s is recognised by the ESM build’s is* helper, and is no instance of its class',
    (name) => {
      const error = make[name]?.(cjs)
      expect(error).not.toBeInstanceOf(esm[name] as new () => unknown)
      expect((esm[`is${name}`] as (value: unknown) => boolean)(error)).toBe(true)
      expect(isTsumikiError(error)).toBe(true)
    },
  )

  it.each(Object.keys(make))('%s is recognised by its own helper only, among the ESM build’s', (name) => {
    const error = make[name]?.(cjs)
    const recognisedBy = Object.keys(make)
      .filter((other) => (esm[`is${other}`] as (value: unknown) => boolean)(error))
      .sort()
    expect(recognisedBy).toEqual([name])
  })
})
