import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/*
 * What every @tsumiki/* tarball must hold, checked from the repository: the licence its package.json names, and
 * source maps a reader can follow without the repository.
 */

const root = fileURLToPath(new URL('../', import.meta.url))
const packagesDir = join(root, 'packages')
const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'package.json')),
)

interface PackageJson {
  readonly name: string
  readonly license?: string
  readonly files?: readonly string[]
}

function packageJson(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson
}

describe('the licence', () => {
  const licence = readFileSync(join(root, 'LICENSE'), 'utf8')

  it('is MIT, by the tsumiki contributors, at the root', () => {
    expect(licence).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} tsumiki contributors\n/)
    expect(packageJson(root).license).toBe('MIT')
  })

  it.each(packages)('ships in the %s tarball, the same text as at the root', (name) => {
    const dir = join(packagesDir, name)
    const manifest = packageJson(dir)
    expect(manifest.license).toBe('MIT')
    expect(manifest.files).toContain('LICENSE')
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(licence)
  })

  it('is given to packages made by scripts/new-package.sh', () => {
    const script = readFileSync(join(root, 'scripts', 'new-package.sh'), 'utf8')
    expect(script).toContain('"LICENSE"')
    expect(script).toMatch(/cp LICENSE "\$dir\/LICENSE"/)
  })
})

describe('source maps', () => {
  // Only built packages have maps to read; these tests depend on every package, so each is built before they run.
  const built = packages.filter((name) => existsSync(join(packagesDir, name, 'dist')))

  it('are checked at least for this package', () => {
    expect(built).toContain('testing')
  })

  it.each(built)('of %s carry the source they point at, as src/ is not shipped', (name) => {
    const dir = join(packagesDir, name)
    const shipsSrc = packageJson(dir).files?.includes('src') ?? false
    const maps = readdirSync(join(dir, 'dist')).filter((file) => file.endsWith('.map'))
    expect(maps.length).toBeGreaterThan(0)
    for (const file of maps) {
      const map = JSON.parse(readFileSync(join(dir, 'dist', file), 'utf8')) as {
        sources: string[]
        sourcesContent?: Array<string | null>
      }
      if (shipsSrc) continue
      expect(map.sourcesContent?.length, `${name}/dist/${file}`).toBe(map.sources.length)
      expect(
        map.sourcesContent?.every((content) => typeof content === 'string' && content.length > 0),
        `${name}/dist/${file}`,
      ).toBe(true)
    }
  })
})

describe('the docs', () => {
  const skipped = new Set(['node_modules', 'dist', '.turbo'])
  function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (skipped.has(entry.name) || entry.name.startsWith('.')) return []
      const path = join(dir, entry.name)
      if (entry.isDirectory()) return filesUnder(path, keep)
      return keep(entry.name) ? [path] : []
    })
  }
  const markdown = filesUnder(root, (name) => name.endsWith('.md'))
  const sources = ['packages', 'examples', 'bench'].flatMap((dir) =>
    filesUnder(join(root, dir), (name) => name.endsWith('.ts')),
  )
  const workspaceNames = new Set(
    ['packages', 'examples']
      .flatMap((dir) => readdirSync(join(root, dir)).map((name) => join(root, dir, name)))
      .concat(['bench', 'demo', 'test'].map((dir) => join(root, dir)))
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => packageJson(dir).name),
  )

  it('are found', () => {
    expect(markdown.map((path) => relative(root, path))).toEqual(
      expect.arrayContaining(['README.md', 'docs/design.md', 'packages/core/README.md']),
    )
  })

  it('present no @tsumiki package that does not exist as if it did: such a mention says it is coming', () => {
    const wrong: string[] = []
    for (const path of [...markdown, ...sources]) {
      const lines = readFileSync(path, 'utf8').split('\n')
      lines.forEach((line, index) => {
        for (const [name] of line.matchAll(/@tsumiki\/[a-z0-9-]+/g)) {
          if (!workspaceNames.has(name) && !/\bcoming\b/i.test(line)) {
            wrong.push(`${relative(root, path)}:${index + 1}: ${name}`)
          }
        }
      })
    }
    expect(wrong).toEqual([])
  })

  it('point at no document outside the repository', () => {
    const inRepo = new Set(markdown.map((path) => basename(path)))
    const wrong: string[] = []
    for (const path of markdown) {
      const text = readFileSync(path, 'utf8')
      for (const [name] of text.matchAll(/\b[\w.-]+\.md\b/g)) {
        if (!inRepo.has(name)) wrong.push(`${relative(root, path)}: ${name}`)
      }
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)/g)) {
        if (target === undefined || /^[a-z]+:/.test(target)) continue
        const resolved = join(path, '..', target)
        if (relative(root, resolved).startsWith('..') || !existsSync(resolved)) {
          wrong.push(`${relative(root, path)}: link ${target}`)
        }
      }
    }
    expect(wrong).toEqual([])
  })
})
