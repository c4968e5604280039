import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import {
  drawingProblems,
  drawnEntries,
  kebabCase,
  layoutDrawing,
  layoutProblems,
  packageFiles,
  packageNames,
} from './support/layout.js'

/*
 * docs/design.md draws the repository and states the inner layout every package has ("Layout"): every folder the
 * drawing names exists, it draws each package's src/ whole, and every package (a new one too) keeps the rules.
 */

const root = resolve(fileURLToPath(new URL('../', import.meta.url)))
const drawing = layoutDrawing(readFileSync(join(root, 'docs', 'design.md'), 'utf8'))

describe('the layout docs/design.md draws', () => {
  it('names only what exists, and every folder of every package’s src/', () => {
    expect(drawnEntries(drawing).length).toBeGreaterThan(packageNames(root).length * 3)
    expect(drawingProblems(root, drawing)).toEqual([])
  })

  it.each(packageNames(root))('is the inner layout of packages/%s', (name) => {
    expect(layoutProblems(join(root, 'packages', name), name)).toEqual([])
  })

  it('has these tests depend on every package, so each is built before they run', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'test', 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>
    }
    for (const name of packageNames(root)) {
      const { name: packageName } = JSON.parse(
        readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'),
      ) as { name: string }
      expect(manifest.devDependencies, packageName).toHaveProperty([packageName])
    }
  })
})

describe('the layout rules', () => {
  let made: string | undefined
  afterEach(() => {
    if (made !== undefined) rmSync(made, { recursive: true, force: true })
    made = undefined
  })

  /** A package laid out right, with `changes` written over it (`undefined` deletes a file). */
  function packageWith(changes: Readonly<Record<string, string | undefined>> = {}): string {
    made = mkdtempSync(join(tmpdir(), 'tsumiki-layout-'))
    const files: Record<string, string | undefined> = {
      ...Object.fromEntries(packageFiles.map((file) => [file, ''])),
      'vitest.config.ts':
        "export default { test: { include: ['test/**/*.test.ts'], typecheck: { include: ['test/**/*.test-d.ts'] } } }",
      'src/index.ts':
        "export { auth } from './auth/auth.js'\nexport { AuthError } from './errors/auth-error.js'\n",
      'src/auth/auth.ts':
        "import type { Middleware } from '@tsumiki/core'\nexport function auth(): Middleware<object> { return {} as never }\n",
      'src/adapters/kafka/kafka.ts':
        "import type { Adapter } from '@tsumiki/core'\nexport function kafka(): Adapter<never, never> { return {} as never }\n",
      'src/errors/auth-error.ts':
        'export class AuthError extends TsumikiError {}\nclass Hidden extends Error {}\n',
      'test/auth/auth.test.ts': '',
      'test/adapters/kafka/kafka.test.ts': '',
      'test/types.test-d.ts': '',
      'test/support/fixtures.ts': '',
      'test/support/kafka/records.ts': '',
      ...changes,
    }
    for (const [path, text] of Object.entries(files)) {
      if (text === undefined) continue
      mkdirSync(dirname(join(made, path)), { recursive: true })
      writeFileSync(join(made, path), text)
    }
    return made
  }

  it('find nothing wrong with a package laid out right', () => {
    expect(layoutProblems(packageWith(), 'p')).toEqual([])
  })

  it('find a file missing at the root, and a vitest config that runs no type tests', () => {
    expect(
      layoutProblems(
        packageWith({
          LICENSE: undefined,
          'vitest.config.ts': "export default { include: ['test/**/*.test.ts'] }",
        }),
        'p',
      ),
    ).toEqual(['p: LICENSE is missing', "p: vitest.config.ts does not name 'test/**/*.test-d.ts'"])
  })

  it('find a file loose in src/ and an entry that does more than re-export', () => {
    expect(
      layoutProblems(
        packageWith({ 'src/utils.ts': 'export const x = 1\n', 'src/index.ts': 'export const y = 2\n' }),
        'p',
      ),
    ).toEqual([
      'p: src/utils.ts is loose in src/, which holds index.ts and folders only',
      'p: src/index.ts does more than re-export',
    ])
  })

  it('find a middleware outside its own folder, and its folder without tests', () => {
    const problems = layoutProblems(
      packageWith({
        'src/auth/auth.ts': undefined,
        'src/guards/auth.ts':
          "import { middleware } from '@tsumiki/core'\nexport const rateLimit = middleware({ name: 'r' })\n",
        'test/auth/auth.test.ts': undefined,
        'src/index.ts': '',
      }),
      'p',
    )
    expect(problems).toEqual([
      'p: middleware rateLimit() is in src/guards/auth.ts, not src/rate-limit/rate-limit.ts',
      'p: src/rate-limit/ has no tests in test/rate-limit/',
    ])
  })

  it('find an adapter outside a folder of src/adapters/', () => {
    expect(
      layoutProblems(
        packageWith({
          'src/adapters/kafka/kafka.ts': undefined,
          'src/adapters/kafka.ts':
            "import type { Adapter } from '@tsumiki/core'\nexport function kafka(): Adapter<never, never> { return {} as never }\n",
          'test/adapters/kafka/kafka.test.ts': undefined,
        }),
        'p',
      ),
    ).toEqual([
      'p: src/adapters/kafka.ts is loose in src/adapters/, which holds one folder per source',
      'p: adapter kafka() is in src/adapters/kafka.ts, not in a folder of src/adapters/',
    ])
  })

  it('find an exported error class outside src/errors/, or in a file not named after it', () => {
    expect(
      layoutProblems(
        packageWith({
          'src/auth/auth-errors.ts': 'export class TokenExpiredError extends AuthError {}\n',
          'src/errors/auth-error.ts': undefined,
          'src/errors/errors.ts': 'export class AuthError extends Error {}\n',
        }),
        'p',
      ),
    ).toEqual([
      'p: error class TokenExpiredError is in src/auth/auth-errors.ts, not src/errors/token-expired-error.ts',
      'p: error class AuthError is in src/errors/errors.ts, not src/errors/auth-error.ts',
    ])
  })

  it('find a test in src/, a test folder that mirrors nothing, and a helper outside test/support/', () => {
    expect(
      layoutProblems(
        packageWith({
          'src/auth/auth.test.ts': '',
          'test/helpers/clock.test.ts': '',
          'test/fixtures.ts': '',
        }),
        'p',
      ),
    ).toEqual([
      'p: src/auth/auth.test.ts is a test, which belongs in test/',
      'p: test/fixtures.ts is neither a test nor under test/support/',
      'p: test/helpers/ mirrors no folder of src/',
    ])
  })

  it('find a drawn entry that does not exist, a package not drawn, and a folder of its src/ left out', () => {
    made = mkdtempSync(join(tmpdir(), 'tsumiki-drawing-'))
    for (const folder of ['packages/a/src/x/y', 'packages/b/src'])
      mkdirSync(join(made, folder), { recursive: true })
    for (const name of ['a', 'b']) writeFileSync(join(made, 'packages', name, 'package.json'), '{}')
    const drawn = ['packages/', '  a/', '    src/  what a is', '      x/', '      z/', 'docs/'].join('\n')
    expect(drawingProblems(made, drawn)).toEqual([
      'the drawing names packages/a/src/z/ (line 5), which does not exist',
      'the drawing names docs/ (line 6), which does not exist',
      'the drawing leaves out packages/a/src/x/y/',
      'the drawing does not draw packages/b/src/',
    ])
    expect(() => drawnEntries('a/\n   b/')).toThrow('not indented two spaces')
  })

  it('spell a name in kebab case as its file is named', () => {
    expect(kebabCase('IdempotencyInProgressError')).toBe('idempotency-in-progress-error')
    expect(kebabCase('dynamodbStreams')).toBe('dynamodb-streams')
    expect(kebabCase('SQSDeadLetterError')).toBe('sqs-dead-letter-error')
  })
})
