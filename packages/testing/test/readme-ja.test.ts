import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

/*
 * docs/README.ja.md is README.md in Japanese, kept in step: the prose is translated, the code is not. So both have
 * the same fenced blocks, byte for byte and in the same order (the two command lines CI runs included), and the
 * same number of `##` sections.
 */

const english = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')
const japanese = readFileSync(new URL('../../../docs/README.ja.md', import.meta.url), 'utf8')

/** Every fenced block, its fence line (with the language) included. */
const blocksOf = (markdown: string): string[] =>
  [...markdown.matchAll(/^```[^\n]*\n[\s\S]*?^```$/gm)].map((match) => match[0])

/** The `##` headings (not `###`), outside fenced blocks. */
const sectionsOf = (markdown: string): string[] =>
  markdown
    .replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '')
    .split('\n')
    .filter((line) => /^## /.test(line))

describe('docs/README.ja.md', () => {
  it('has the code blocks of README.md, byte for byte, in the same order', () => {
    const blocks = blocksOf(english)
    expect(blocks.length).toBeGreaterThan(0)
    expect(blocksOf(japanese)).toEqual(blocks)
  })

  it('has as many ## sections as README.md', () => {
    expect(sectionsOf(japanese)).toHaveLength(sectionsOf(english).length)
  })

  it('is told apart from README.md by its prose, which is in Japanese', () => {
    expect(japanese).not.toBe(english)
    expect(japanese).toMatch(/[\u3040-\u30ff]/) // hiragana or katakana
  })
})
