// The runtime's awslambda global, as on Lambda, before any suite loads a library that reads it when it loads
// (Powertools' event-handler, which the router suite loads first).
import './suites/streaming/awslambda-global.js'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/**
 * Runs every suite in src/suites (or those named on the command line: `pnpm bench engine logger`).
 * A suite module's default export is `{ name, run }`.
 */
interface Suite {
  readonly name: string
  readonly run: () => Promise<unknown>
}

const suitesDir = join(dirname(fileURLToPath(import.meta.url)), 'suites')
const wanted = process.argv.slice(2)
const files = readdirSync(suitesDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort()

for (const file of files) {
  const module = (await import(pathToFileURL(join(suitesDir, file)).href)) as { default: Suite }
  const suite = module.default
  if (wanted.length > 0 && !wanted.includes(suite.name)) continue
  console.log(`\n# ${suite.name}`)
  await suite.run()
}
