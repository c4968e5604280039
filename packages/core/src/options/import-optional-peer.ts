import { MissingDependencyError } from '../errors/missing-dependency-error.js'

/**
 * Loads an optional peer dependency on first use: `load` is the package's `import()` (through a module of the
 * caller's that names what it uses, so bundlers keep only that). A failure is a `MissingDependencyError` naming
 * `packageName` and what needed it (`neededFor`, e.g. "Parking records on a dead-letter queue"), with the import's
 * error as its cause. Nothing is kept: the caller decides whether to try again.
 */
export async function importOptionalPeer<Module>(
  packageName: string,
  neededFor: string,
  load: () => Promise<Module>,
): Promise<Module> {
  try {
    return await load()
  } catch (cause) {
    throw new MissingDependencyError(packageName, neededFor, cause)
  }
}
