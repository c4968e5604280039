import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

/** An error class's constructor arguments, by class name: how the test makes one from either build. */
export type ErrorArguments = Readonly<Record<string, readonly unknown[]>>

type Module = Record<string, unknown>

/**
 * One package as users load it, twice: its CJS build (what `require()` gets) and its ESM build, each with its own copy
 * of @tsumiki/core, so two copies of every class. An error made by the CJS build is no instance of the ESM build's
 * class and must still be recognised by the ESM build's `is*` helper, as core's `errorBrand()` promises: exactly
 * the helpers of the classes it is an instance of in its own build (its class and the bases it has there).
 *
 * `testFile` is the calling test's `import.meta.url`, anywhere under its package's test/; `entry` the build's name in
 * `dist/` (`index`, `runtime`). Every error class the entry exports must be in `made`, so a class added without a
 * brand fails here.
 */
export function describeErrorBrands(testFile: string, entry: string, made: ErrorArguments): void {
  const dist = new URL('dist/', packageDirOf(testFile))
  const cjs = createRequire(testFile)(fileURLToPath(new URL(`${entry}.cjs`, dist))) as Module
  // Not a literal: the type check runs before the package is built, and needs no types of the build.
  const loadEsm = () => import(new URL(`${entry}.js`, dist).href) as Promise<Module>
  const names = Object.keys(made)
  const make = (name: string) =>
    new (cjs[name] as new (...args: readonly unknown[]) => object)(...(made[name] as readonly unknown[]))

  describe(`an error made by the CJS build of dist/${entry}`, () => {
    it('is tested for every error class the build exports', async () => {
      expect(errorClassesOf(await loadEsm())).toEqual([...names].sort())
      expect(errorClassesOf(cjs)).toEqual([...names].sort())
    })

    it.each(names)(
      '%s is recognised by the ESM build’s helpers of the classes it is, and no other',
      async (name) => {
        const esm = await loadEsm()
        const error = make(name)
        expect(error).not.toBeInstanceOf(esm[name] as new () => unknown)
        const recognisedBy = names.filter((other) =>
          (esm[`is${other}`] as (value: unknown) => boolean)(error),
        )
        const isA = names.filter((other) => error instanceof (cjs[other] as new () => unknown))
        expect(recognisedBy).toContain(name)
        expect(recognisedBy).toEqual(isA)
      },
    )
  })
}

function errorClassesOf(module: Module): string[] {
  return Object.keys(module)
    .filter((name) => {
      const value = module[name]
      return typeof value === 'function' && value.prototype instanceof Error
    })
    .sort()
}

/** The folder of the package.json nearest above `file`, as a URL ending in `/`. */
function packageDirOf(file: string): URL {
  let dir = dirname(fileURLToPath(file))
  while (!existsSync(`${dir}/package.json`)) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`no package.json above ${file}`)
    dir = parent
  }
  return pathToFileURL(`${dir}/`)
}
