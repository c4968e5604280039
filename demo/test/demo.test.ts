import { expect, it } from 'vitest'
import { emfProblems, isEmfLine } from '../../test/support/emf-validator.js'
import { plainPainter } from '../src/painter.js'
import { runDemo } from '../src/run-demo.js'

// `pnpm demo` is the first thing a newcomer runs: it must pass on every machine the tests pass on.
// Both ways a machine runs it: under aws-lambda-ric where it is built, in process where it is not.
it.each(['auto', 'in-process'] as const)(
  'plays the whole story (%s) and every step answers as expected',
  { timeout: 240_000 },
  async (mode) => {
    const lines: string[] = []
    const result = await runDemo({ print: (line) => lines.push(line), paint: plainPainter, mode })
    const output = lines.join('\n')

    expect(result.failed, output).toEqual([])
    expect(result.steps).toBe(11)
    expect(output).toContain(`✓ all ${result.steps} steps answered as expected`)
    expect(output).not.toContain('✗')
    // Plain output for a pipe: no escape codes.
    expect(output).not.toContain(String.fromCharCode(27))
    // Every metrics line the functions wrote is valid EMF, by the validator written from the specification.
    const emf = result.invocations.flatMap(({ invocation }) =>
      invocation.logs.lines.map((line) => `${line}\n`).filter(isEmfLine),
    )
    expect(emf.length).toBeGreaterThan(5)
    for (const line of emf) expect(emfProblems(line), line).toEqual([])
  },
)
