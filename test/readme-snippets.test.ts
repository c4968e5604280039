import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { codeBlocks } from './support/markdown-blocks.js'

/*
 * Every ```ts block of every README, and of every guide under docs/, compiles as a user would paste it: under the
 * repository's own tsconfig.base.json (strict, noUncheckedIndexedAccess...), with the imports it shows and nothing
 * else. The @tsumiki packages resolve to their sources, so no build is needed. A block whose first line is a path
 * comment (`// src/handler.ts`) is that file of one small project per README, so blocks can import each other; an
 * import of a file no block shows (the reader's own `./orders-table.js`) is the one thing allowed to be missing.
 * Only blocks fenced exactly ```ts are compiled: TypeScript written against another library (the Middy and
 * Powertools "before" code of the migration guides) is fenced ```typescript, a sketch ```js or ```text.
 */

// resolve(): no trailing slash, so it compares equal to a dirname().
const root = resolve(fileURLToPath(new URL('../', import.meta.url)))
const docs = join(root, 'docs')
// Where a README's blocks resolve their third-party imports (zod, aws-cdk-lib, vitest...): its package, or, for
// the root README and the guides, the example project that depends on what they show.
const homeOf = (readme: string): string =>
  dirname(readme) === root || !relative(docs, readme).startsWith('..')
    ? join(root, 'examples', 'http-orders')
    : dirname(readme)

/** Every Markdown file under docs/, at any depth. */
const guides = readdirSync(docs, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.md'))
  .map((name) => join(docs, name))

const readmes = [
  ...guides,
  ...['packages', 'examples'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .map((name) => join(root, dir, name, 'README.md'))
      .filter((path) => existsSync(path)),
  ),
  join(root, 'README.md'),
]

interface Snippet {
  readonly readme: string
  readonly index: number
  readonly fileName: string
  readonly text: string
}

function snippetsOf(readme: string): Snippet[] {
  const blocks = codeBlocks(readFileSync(readme, 'utf8'), 'ts')
  const project = join(homeOf(readme), '.readme-snippets', relative(root, readme).replace(/[^\w-]/g, '_'))
  return blocks.map((block, index) => {
    const named = /^\/\/ ((?:src|test)\/[\w./-]+\.ts)\n/.exec(block)?.[1]
    // `export {}` makes every block a module, as a file with imports is: blocks never share a scope.
    return {
      readme,
      index: index + 1,
      fileName: join(project, named ?? `block-${index + 1}.ts`),
      text: `${block}\nexport {}\n`,
    }
  })
}

function compilerOptions(): ts.CompilerOptions {
  const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile)
  const { options, errors } = ts.convertCompilerOptionsFromJson(base.config.compilerOptions, root)
  expect(errors).toEqual([])
  return {
    ...options,
    noEmit: true,
    paths: {
      '@tsumiki/*': [join(root, 'packages', '*', 'src', 'index.ts')],
      // The subpath entries of package.json `exports`, each to its source as tsup.config.ts builds it.
      '@tsumiki/testing/runtime': [join(root, 'packages', 'testing', 'src', 'local', 'runtime', 'index.ts')],
    },
  }
}

/** The diagnostics of each snippet, as `README.md block 2 line 3: message`. */
function compile(snippets: readonly Snippet[]): string[] {
  const byName = new Map(snippets.map((snippet) => [snippet.fileName, snippet]))
  const options = compilerOptions()
  const host = ts.createCompilerHost(options)
  const { fileExists, readFile, getSourceFile, directoryExists } = host
  const virtualDirs = new Set(
    snippets.flatMap((snippet) => {
      const dirs: string[] = []
      for (let dir = dirname(snippet.fileName); !existsSync(dir); dir = dirname(dir)) dirs.push(dir)
      return dirs
    }),
  )
  host.directoryExists = (name) => virtualDirs.has(name) || (directoryExists?.call(host, name) ?? true)
  host.fileExists = (name) => byName.has(name) || fileExists.call(host, name)
  host.readFile = (name) => byName.get(name)?.text ?? readFile.call(host, name)
  host.getSourceFile = (name, language, onError, create) => {
    const snippet = byName.get(name)
    return snippet === undefined
      ? getSourceFile.call(host, name, language, onError, create)
      : ts.createSourceFile(name, snippet.text, language)
  }
  const program = ts.createProgram([...byName.keys()], options, host)
  const problems: string[] = []
  for (const snippet of snippets) {
    const source = program.getSourceFile(snippet.fileName)
    if (source === undefined) throw new Error(`${snippet.fileName} was not compiled`)
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]
    for (const diagnostic of diagnostics) {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
      // A relative import no block shows is the reader's own file.
      if (diagnostic.code === 2307 && /Cannot find module '\.\.?\//.test(message)) continue
      const line =
        diagnostic.start === undefined ? 0 : source.getLineAndCharacterOfPosition(diagnostic.start).line + 1
      problems.push(`${relative(root, snippet.readme)} block ${snippet.index} line ${line}: ${message}`)
    }
  }
  return problems
}

describe('README snippets', () => {
  const snippets = readmes.flatMap(snippetsOf)

  it('are found in the guides under docs/, at any depth', () => {
    const withSnippets = new Set(snippets.map((snippet) => relative(root, snippet.readme)))
    expect(withSnippets).toContain('docs/adding-an-adapter.md')
    expect(withSnippets).toContain('docs/README.ja.md')
  })

  it('leave out only code written against another library', () => {
    // ```typescript blocks are not compiled: each must show what it is the code of, so no tsumiki example hides there.
    const uncompiled = readmes.flatMap((readme) =>
      codeBlocks(readFileSync(readme, 'utf8'), 'typescript').map((block) => ({
        readme: relative(root, readme),
        block,
      })),
    )
    expect(uncompiled.length).toBeGreaterThan(0)
    for (const { readme, block } of uncompiled) {
      expect(block, readme).toMatch(/from '@(?:middy|aws-lambda-powertools)\//)
    }
  })

  it('are found in every package README', () => {
    const withSnippets = new Set(snippets.map((snippet) => relative(root, snippet.readme)))
    for (const name of readdirSync(join(root, 'packages'))) {
      if (existsSync(join(root, 'packages', name, 'README.md'))) {
        expect(withSnippets, name).toContain(`packages/${name}/README.md`)
      }
    }
  })

  it('show the imports they use and compile under tsconfig.base.json', () => {
    expect(compile(snippets)).toEqual([])
  }, 300_000) // aws-cdk-lib's types, for the guides' CDK stacks, take most of it
})
