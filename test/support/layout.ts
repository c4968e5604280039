import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, sep } from 'node:path'
import ts from 'typescript'
import { codeBlocks } from './markdown-blocks.js'

/*
 * The inner layout every package under packages/ has, as docs/design.md ("Layout") states it, and the drawing of
 * the repository that page holds. A function per rule returns what breaks it, in words, so a test of the
 * repository expects no problem and a test of the rules expects each one.
 */

/** The files every package has at its root. */
export const packageFiles = [
  'package.json',
  'README.md',
  'LICENSE',
  'tsconfig.json',
  'tsup.config.ts',
  'vitest.config.ts',
  'src/index.ts',
] as const

/** Where a package's tests keep what they share that is not a test. */
const supportFolder = 'support'

/** `IdempotencyInProgressError` → `idempotency-in-progress-error`. */
export function kebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
}

/** Every path below `dir`, relative to it, with `/` between folders: files, and folders ending in `/`. */
function entriesUnder(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => !path.split(sep).includes('node_modules'))
    .map((path) => {
      const slashed = path.split(sep).join('/')
      return statSync(join(dir, path)).isDirectory() ? `${slashed}/` : slashed
    })
    .sort()
}

interface Declared {
  readonly file: string
  readonly name: string
}

/** What a source file declares that the layout places: middleware and adapter factories, error classes. */
function declarationsOf(file: string, text: string) {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  const middlewares: Declared[] = []
  const adapters: Declared[] = []
  const errorClasses: Declared[] = []
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
  const typeName = (type: ts.TypeNode | undefined) =>
    type !== undefined && ts.isTypeReferenceNode(type) ? type.typeName.getText(source) : undefined
  for (const statement of source.statements) {
    if (!exported(statement)) continue
    if (ts.isFunctionDeclaration(statement) && statement.name !== undefined) {
      const returns = typeName(statement.type)
      // Core's `middleware()`, which makes middlewares, is not one.
      if (returns === 'Middleware' && statement.name.text !== 'middleware') {
        middlewares.push({ file, name: statement.name.text })
      }
      if (returns === 'Adapter') adapters.push({ file, name: statement.name.text })
    }
    if (ts.isVariableStatement(statement)) {
      // `export const auth = middleware({ ... })`
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer
        if (ts.isIdentifier(declaration.name) && init !== undefined && ts.isCallExpression(init)) {
          if (init.expression.getText(source) === 'middleware') {
            middlewares.push({ file, name: declaration.name.text })
          }
        }
      }
    }
    if (ts.isClassDeclaration(statement) && statement.name !== undefined) {
      const base = statement.heritageClauses
        ?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)
        ?.types[0]?.expression.getText(source)
      if (base !== undefined && /Error$/.test(base)) errorClasses.push({ file, name: statement.name.text })
    }
  }
  return { middlewares, adapters, errorClasses }
}

/** Whether every statement of an entry re-exports (`export … from '…'`), or it is the empty `export {}`. */
function onlyReExports(file: string, text: string): boolean {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  return source.statements.every(
    (statement) =>
      ts.isExportDeclaration(statement) &&
      (statement.moduleSpecifier !== undefined ||
        (statement.exportClause !== undefined &&
          ts.isNamedExports(statement.exportClause) &&
          statement.exportClause.elements.length === 0)),
  )
}

/**
 * What breaks the inner layout in the package at `dir` (named `name` in the problems), each problem a sentence:
 * - its root has package.json, README.md, LICENSE, tsconfig.json, tsup.config.ts, vitest.config.ts and src/index.ts;
 * - src/ holds index.ts and folders, nothing else; every index.ts under src/ (an entry) only re-exports;
 * - a middleware (an exported function returning `Middleware<…>`, or a `middleware(…)` exported) is
 *   src/<name>/<name>.ts, its name in kebab case: the folder list is the list of middlewares;
 * - an adapter (an exported function returning `Adapter<…>`) is in src/adapters/<source>/, and src/adapters/ holds
 *   folders only, one per source;
 * - an exported error class (`extends …Error`) is src/errors/<its name in kebab case>.ts;
 * - no test in src/; test/ mirrors src/: each folder of test/ but test/support/ is a folder of src/, each middleware
 *   and adapter folder has its test folder, and every file of test/ is a `*.test.ts`, a `*.test-d.ts` (the type
 *   tests, which vitest's typecheck runs) or under test/support/;
 * - vitest.config.ts runs test/**\/*.test.ts and type-checks test/**\/*.test-d.ts.
 */
export function layoutProblems(dir: string, name: string): string[] {
  const problems: string[] = []
  for (const file of packageFiles) {
    if (!existsSync(join(dir, file))) problems.push(`${name}: ${file} is missing`)
  }
  const src = entriesUnder(join(dir, 'src'))
  const test = entriesUnder(join(dir, 'test'))
  const srcFolders = new Set(src.filter((path) => path.endsWith('/')))
  for (const path of src) {
    if (!path.includes('/') && path !== 'index.ts') {
      problems.push(`${name}: src/${path} is loose in src/, which holds index.ts and folders only`)
    }
    if (/\.test(-d)?\.ts$/.test(path)) problems.push(`${name}: src/${path} is a test, which belongs in test/`)
    if (path.startsWith('adapters/') && path.split('/').length === 2 && !path.endsWith('/')) {
      problems.push(`${name}: src/${path} is loose in src/adapters/, which holds one folder per source`)
    }
  }
  const placed = { middlewares: [] as Declared[], adapters: [] as Declared[], errorClasses: [] as Declared[] }
  for (const path of src.filter((path) => path.endsWith('.ts'))) {
    const text = readFileSync(join(dir, 'src', path), 'utf8')
    if (path === 'index.ts' || path.endsWith('/index.ts')) {
      if (!onlyReExports(path, text)) problems.push(`${name}: src/${path} does more than re-export`)
    }
    const found = declarationsOf(path, text)
    placed.middlewares.push(...found.middlewares)
    placed.adapters.push(...found.adapters)
    placed.errorClasses.push(...found.errorClasses)
  }
  const testFolders = new Set(test.filter((path) => path.endsWith('/')))
  const needsTests = new Set<string>()
  for (const { file, name: middleware } of placed.middlewares) {
    const folder = kebabCase(middleware)
    if (file !== `${folder}/${folder}.ts`) {
      problems.push(`${name}: middleware ${middleware}() is in src/${file}, not src/${folder}/${folder}.ts`)
    }
    needsTests.add(`${folder}/`)
  }
  for (const { file, name: adapter } of placed.adapters) {
    const [top, source, rest] = file.split('/')
    if (top !== 'adapters' || rest === undefined) {
      problems.push(`${name}: adapter ${adapter}() is in src/${file}, not in a folder of src/adapters/`)
    } else needsTests.add(`adapters/${source}/`)
  }
  for (const { file, name: errorClass } of placed.errorClasses) {
    if (file !== `errors/${kebabCase(errorClass)}.ts`) {
      problems.push(
        `${name}: error class ${errorClass} is in src/${file}, not src/errors/${kebabCase(errorClass)}.ts`,
      )
    }
  }
  for (const folder of needsTests) {
    if (!testFolders.has(folder)) problems.push(`${name}: src/${folder} has no tests in test/${folder}`)
  }
  for (const path of test) {
    if (path === `${supportFolder}/` || path.startsWith(`${supportFolder}/`)) continue
    if (path.endsWith('/')) {
      if (!srcFolders.has(path)) problems.push(`${name}: test/${path} mirrors no folder of src/`)
    } else if (!/\.test(-d)?\.ts$/.test(path)) {
      problems.push(`${name}: test/${path} is neither a test nor under test/${supportFolder}/`)
    }
  }
  const vitestConfig = existsSync(join(dir, 'vitest.config.ts'))
    ? readFileSync(join(dir, 'vitest.config.ts'), 'utf8')
    : ''
  for (const glob of ["'test/**/*.test.ts'", "'test/**/*.test-d.ts'"]) {
    if (!vitestConfig.includes(glob)) problems.push(`${name}: vitest.config.ts does not name ${glob}`)
  }
  return problems
}

/** One entry of the drawing: its path from the repository's root, `/`-ended for a folder. */
export interface DrawnEntry {
  readonly path: string
  readonly line: number
}

/**
 * The entries of a drawing: one per line, indented two spaces a level, a folder's name ending in `/`, what it holds
 * after two spaces or more.
 */
export function drawnEntries(drawing: string): DrawnEntry[] {
  const entries: DrawnEntry[] = []
  const parents: string[] = []
  drawing.split('\n').forEach((text, index) => {
    if (text.trim() === '') return
    const indent = /^ */.exec(text)?.[0].length ?? 0
    const name = text.trim().split(/ {2,}/)[0] ?? ''
    const level = indent / 2
    if (!Number.isInteger(level) || level > parents.length) {
      throw new Error(`line ${index + 1} of the drawing is not indented two spaces under its folder: ${text}`)
    }
    parents.length = level
    const path = parents.join('') + name
    entries.push({ path, line: index + 1 })
    if (name.endsWith('/')) parents.push(name)
  })
  return entries
}

/** The drawing of docs/design.md: the ```text block of its "## Layout" section. */
export function layoutDrawing(designMarkdown: string): string {
  const section = /^## Layout\b[\s\S]*?(?=^## |(?![\s\S]))/m.exec(designMarkdown)?.[0]
  const drawing = section === undefined ? undefined : codeBlocks(section, 'text')[0]
  if (drawing === undefined) throw new Error('docs/design.md has no ```text drawing under "## Layout"')
  return drawing
}

/**
 * What the drawing gets wrong about the repository at `root`: an entry that does not exist, a package it does not
 * draw, and a folder of a package's src/ it leaves out (it draws each package's src/ whole, at every depth).
 */
export function drawingProblems(root: string, drawing: string): string[] {
  const problems: string[] = []
  const entries = drawnEntries(drawing)
  const drawn = new Set(entries.map((entry) => entry.path))
  for (const { path, line } of entries) {
    const full = join(root, path)
    const exists = existsSync(full) && statSync(full).isDirectory() === path.endsWith('/')
    if (!exists) problems.push(`the drawing names ${path} (line ${line}), which does not exist`)
  }
  for (const name of packageNames(root)) {
    const src = `packages/${name}/src/`
    if (!drawn.has(src)) {
      problems.push(`the drawing does not draw ${src}`)
      continue
    }
    for (const folder of entriesUnder(join(root, src)).filter((path) => path.endsWith('/'))) {
      if (!drawn.has(src + folder)) problems.push(`the drawing leaves out ${src}${folder}`)
    }
  }
  return problems
}

/** The packages under packages/: each folder with a package.json. */
export function packageNames(root: string): string[] {
  const packages = join(root, 'packages')
  return readdirSync(packages)
    .filter((name) => existsSync(join(packages, name, 'package.json')))
    .sort()
}
