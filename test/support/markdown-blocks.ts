import { expect, it } from 'vitest'

/*
 * The one reader of Markdown code blocks for the repository's tests: the README and guide checks (snippets compile,
 * links lead somewhere, the Japanese README keeps the English one's code) and the tests that run a README's examples
 * line for line. A block is fenced at the start of a line, ``` and its language, up to a line that is ``` alone.
 */

const fence = /^```([^\n]*)\n([\s\S]*?)^```$/gm

/** Every fenced block of `markdown`, fence lines included, in order. */
export function fencedBlocks(markdown: string): string[] {
  return [...markdown.matchAll(fence)].map((match) => match[0])
}

/** The text of every block fenced exactly ```<language> (```ts, not ```typescript), in order. */
export function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(fence)].filter((match) => match[1] === language).map((match) => match[2] ?? '')
}

/** `markdown` without its fenced blocks: the prose, where `](...)` is a link and `#` a heading. */
export function proseOf(markdown: string): string {
  return markdown.replace(fence, '')
}

/**
 * The statements of a block: trimmed lines, without blank lines, imports, `export` and the file-name comment a
 * block may open with (`// src/handler.ts`, which names the file the block is).
 */
function codeLines(text: string): string[] {
  return text
    .replace(/^\/\/ (?:src|test)\/[\w./-]+\.ts\n/, '')
    .replace(/^import [\s\S]*? from '[^']+'\n/gm, '')
    .split('\n')
    .map((line) => line.trim().replace(/^export /, ''))
    .filter((line) => line !== '')
}

/** Each `import { ... } from '...'` of a text: the module and the names. */
function importsOf(text: string): [string, string[]][] {
  return [...text.matchAll(/^import (type )?\{([^}]*)\} from '([^']+)'/gm)].map((match) => [
    match[3] ?? '',
    (match[2] ?? '')
      .split(',')
      .map((name) => name.trim().replace(/^type /, ''))
      .filter(Boolean),
  ])
}

function containsInOrder(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let start = 0; start + needle.length <= haystack.length; start++) {
    for (let index = 0; index < needle.length; index++) {
      if (haystack[start + index] !== needle[index]) continue outer
    }
    return true
  }
  return false
}

export interface BlocksRunHereOptions {
  /** How many ```ts blocks the Markdown has: a block added or lost is noticed. */
  readonly blocks: number
  /**
   * The packages the blocks import by name, each with the module the test imports instead (its source, so no build
   * is needed): `{ '@tsumiki/batch': '../src/index.js' }`.
   */
  readonly sourceEntries?: Readonly<Record<string, string>>
  /**
   * What an import from the reader's own module (`./orders.js`) asks of the test. `'stand-in'`: the test defines a
   * function of each name it imports. `'shown'` (default): nothing, the module is another block or the reader's.
   */
  readonly ownModules?: 'stand-in' | 'shown'
}

/**
 * Registers one test per ```ts block of `markdown`: the block's statements stand in `self` (the test file's own
 * text) line for line and in order, and each name it imports from a package the test imports too. So an example
 * in the docs is code a test runs, and cannot drift from it.
 */
export function itRunsEveryBlock(markdown: string, self: string, options: BlocksRunHereOptions): void {
  const blocks = codeBlocks(markdown, 'ts')
  const selfLines = codeLines(self)
  // `self` may be several files: a module's names are those of all its imports.
  const selfImports = new Map<string, string[]>()
  for (const [module, names] of importsOf(self))
    selfImports.set(module, [...(selfImports.get(module) ?? []), ...names])
  const entries = options.sourceEntries ?? {}

  it(`has ${options.blocks} ts blocks`, () => {
    expect(blocks).toHaveLength(options.blocks)
  })

  it.each(blocks.map((block, index) => [index + 1, block] as const))(
    'ts block %i runs here, line for line',
    (_, block) => {
      expect(containsInOrder(selfLines, codeLines(block)), block).toBe(true)
      for (const [module, names] of importsOf(block)) {
        if (module.startsWith('.') && !Object.values(entries).includes(module)) {
          if (options.ownModules !== 'stand-in') continue
          for (const name of names) {
            expect(self, `${name} from ${module}`).toMatch(new RegExp(`^(async )?function ${name}\\(`, 'm'))
          }
          continue
        }
        const imported = selfImports.get(entries[module] ?? module)
        for (const name of names) expect(imported, `${name} from ${module}`).toContain(name)
      }
    },
  )
}
