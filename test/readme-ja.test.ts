import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { fencedBlocks, proseOf } from './support/markdown-blocks.js'

/*
 * docs/README.ja.md is README.md in Japanese, kept in step: the prose is translated, the code is not. So both have
 * the same fenced blocks, byte for byte and in the same order (the two command lines CI runs included), and the
 * same number of `##` sections.
 */

const english = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const japanese = readFileSync(new URL('../docs/README.ja.md', import.meta.url), 'utf8')

/** The `##` headings (not `###`), outside fenced blocks. */
const sectionsOf = (markdown: string): string[] =>
  proseOf(markdown)
    .split('\n')
    .filter((line) => /^## /.test(line))

describe('docs/README.ja.md', () => {
  it('has the code blocks of README.md, byte for byte, in the same order', () => {
    const blocks = fencedBlocks(english)
    expect(blocks.length).toBeGreaterThan(0)
    expect(fencedBlocks(japanese)).toEqual(blocks)
  })

  it('has as many ## sections as README.md', () => {
    expect(sectionsOf(japanese)).toHaveLength(sectionsOf(english).length)
  })

  it('is told apart from README.md by its prose, which is in Japanese', () => {
    expect(japanese).not.toBe(english)
    expect(japanese).toMatch(/[\u3040-\u30ff]/) // hiragana or katakana
  })
})
