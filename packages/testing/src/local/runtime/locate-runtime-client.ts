import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

export type RuntimeClientLocation = { readonly entry: string } | { readonly unavailable: string }

/**
 * aws-lambda-ric's entry point, if it is installed and its native part was built. It is an optional dependency:
 * its install compiles curl and aws-lambda-cpp, which needs cmake, make, a C++ compiler and python3; where that
 * fails the package manager leaves it out (or half-built), and the local runtime runs the function in process.
 */
export function locateRuntimeClient(directory: string | undefined): RuntimeClientLocation {
  let packageDirectory = directory
  if (packageDirectory === undefined) {
    try {
      packageDirectory = dirname(createRequire(import.meta.url).resolve('aws-lambda-ric/package.json'))
    } catch {
      return {
        unavailable:
          'aws-lambda-ric is not installed (it is an optional dependency of @tsumiki/testing; its build needs ' +
          'cmake, make, g++ and python3)',
      }
    }
  }
  const entry = join(packageDirectory, 'index.mjs')
  if (!existsSync(entry)) return { unavailable: `no aws-lambda-ric in ${packageDirectory}` }
  if (!existsSync(join(packageDirectory, 'rapid-client.node'))) {
    return {
      unavailable: `aws-lambda-ric in ${packageDirectory} has no rapid-client.node: its native build failed or did not run (it needs cmake, make, g++ and python3; then reinstall)`,
    }
  }
  return { entry }
}
