import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { proseOf } from './support/markdown-blocks.js'

/*
 * Every relative link of the README and the guides under docs/ leads somewhere: the file or directory exists, and
 * a `#fragment` into a Markdown file names one of its headings (as GitHub makes their anchors).
 */

const root = resolve(fileURLToPath(new URL('../', import.meta.url)))
const docs = join(root, 'docs')
const pages = [
  join(root, 'README.md'),
  ...readdirSync(docs, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(docs, name)),
]

/** GitHub's anchor for a heading: lower case, punctuation dropped (hyphens and underscores kept), spaces to hyphens. */
const anchorOf = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

const anchorsOf = (page: string): Set<string> =>
  new Set(
    proseOf(readFileSync(page, 'utf8'))
      .split('\n')
      .flatMap((line) => {
        const heading = /^#{1,6} (.+)$/.exec(line)?.[1]
        return heading === undefined ? [] : [anchorOf(heading)]
      }),
  )

describe('links in the README and the guides', () => {
  it('lead to files, directories and headings that exist', () => {
    const broken: string[] = []
    let checked = 0
    for (const page of pages) {
      for (const match of proseOf(readFileSync(page, 'utf8')).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] ?? ''
        if (/^[a-z]+:/i.test(target)) continue // http:, https:, mailto:
        checked++
        const [path = '', fragment] = target.split('#')
        const file = path === '' ? page : resolve(dirname(page), path)
        const where = `${relative(root, page)} → ${target}`
        if (!existsSync(file)) {
          broken.push(`${where}: no such file`)
          continue
        }
        if (fragment !== undefined && statSync(file).isFile() && file.endsWith('.md')) {
          if (!anchorsOf(file).has(fragment)) broken.push(`${where}: no such heading`)
        }
      }
    }
    expect(checked).toBeGreaterThan(50)
    expect(broken).toEqual([])
  })

  it('make anchors as GitHub does', () => {
    expect(anchorOf('Concurrency, throttling and 429s')).toBe('concurrency-throttling-and-429s')
    expect(anchorOf('How do I write my own middleware?')).toBe('how-do-i-write-my-own-middleware')
    expect(anchorOf('Local AWS: SSM, Secrets Manager and SQS')).toBe('local-aws-ssm-secrets-manager-and-sqs')
    expect(anchorOf('`sqs-partial-batch-failure`')).toBe('sqs-partial-batch-failure')
  })
})
