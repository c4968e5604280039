import { InvalidOptionError } from '@tsumiki/core'

// The function each `makeIdempotent()` scope is in use for in this process, and its source text.
const inUse = /* @__PURE__ */ new Map<string, { readonly fn: unknown; readonly source: string }>()

/**
 * Refuses a `makeIdempotent()` whose records could not be told apart from another wrapper's: an anonymous function
 * without `scope` (its scope would be the Lambda function's alone), or a function whose scope another function's
 * wrapper already uses. The same function wrapped again (a second wrapper in a test, a module evaluated again by a
 * hot reload) has the same source, and shares its records as it should.
 */
export function reserveScope(fn: (...args: never[]) => unknown, scope: string, given: boolean): void {
  if (!given && fn.name === '') {
    throw new InvalidOptionError(
      'makeIdempotent()',
      'scope',
      'given for an anonymous function (its records would share the scope of every other one): pass scope',
      undefined,
    )
  }
  const source = Function.prototype.toString.call(fn)
  const known = inUse.get(scope)
  if (known !== undefined && known.fn !== fn && !sameSource(known.source, source)) {
    throw new InvalidOptionError(
      'makeIdempotent()',
      'scope',
      `one no other function's records use (another function is made idempotent under ${JSON.stringify(scope)}, and would answer this one's keys with its results): pass scope`,
      scope,
    )
  }
  inUse.set(scope, { fn, source })
}

/** Bound and native functions all read `function () { [native code] }`: only the same one is the same. */
function sameSource(known: string, source: string): boolean {
  return known === source && !source.endsWith('{ [native code] }')
}
