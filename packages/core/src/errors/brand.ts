/**
 * Errors are recognised by a global symbol, never by `instanceof`: an error thrown by one copy of a package (ESM
 * and CJS side by side, two versions in one bundle) is still recognised by another. Each error class owns one
 * brand and exports an `is*` helper that checks it.
 */
export function brandOf(errorName: string): symbol {
  return Symbol.for(`tsumiki.${errorName}`)
}

export function hasBrand(error: unknown, brand: symbol): boolean {
  return typeof error === 'object' && error !== null && brand in error
}
