/**
 * `pnpm demo`: the example functions, bundled, run the way Lambda runs them, against local AWS services. Exits 0
 * only if every step answered as expected.
 */
// The SDK clients this process makes warn about Node 20 on stderr; the functions' own output is what matters here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

import { painterFor } from './painter.js'
import { runDemo } from './run-demo.js'

const result = await runDemo({
  print: (line) => process.stdout.write(`${line}\n`),
  paint: painterFor(process.stdout),
  // `pnpm demo --in-process`: what a machine without the runtime client's native build runs.
  mode: process.argv.includes('--in-process') ? 'in-process' : 'auto',
})
process.exitCode = result.failed.length === 0 && result.steps > 0 ? 0 : 1
