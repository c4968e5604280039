import type { FlagContext, FlagContextValue, FlagRule } from './flag-context.js'
import { splitBucket } from './split-bucket.js'

/**
 * Compiles an AppConfig variant rule (`(and (eq $plan "pro") (split pct::10 by::$userId))`) once, at fetch time,
 * into a function of the context, so a check costs a few comparisons and no parsing. A rule that cannot be read
 * throws an `Error` saying where; the compiled rule never throws.
 *
 * The grammar, as AppConfig documents it: an expression is `(operator operands…)`; an operand is a string in double
 * quotes, a number, `true`/`false`, a timestamp (W3C date and time: `2024-01`, `2012-03-04T05:06:07-08:00`), a
 * context value `$key`, a list `["a", "b"]`, another expression, or a named operand `name::operand`.
 */
export function compileRule(text: string, flagName: string): FlagRule {
  const parser = new Parser(tokenize(text), text)
  const expression = parser.expression()
  parser.end()
  return compileExpression(expression, flagName)
}

type Token =
  | { readonly kind: '(' | ')' | '[' | ']' | ','; readonly at: number }
  | { readonly kind: 'string'; readonly value: string; readonly at: number }
  | { readonly kind: 'context'; readonly key: string; readonly at: number }
  | { readonly kind: 'named'; readonly name: string; readonly at: number }
  | { readonly kind: 'word'; readonly word: string; readonly at: number }

type Literal =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'timestamp'; readonly value: number }

type Operand =
  | Literal
  | { readonly kind: 'context'; readonly key: string }
  | { readonly kind: 'list'; readonly items: readonly Literal[] }
  | Expression

interface Expression {
  readonly kind: 'expression'
  readonly operator: string
  readonly positional: readonly Operand[]
  readonly named: ReadonlyMap<string, Operand>
  readonly at: number
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  while (index < text.length) {
    const char = text[index] as string
    if (/\s/.test(char)) {
      index++
    } else if (char === '(' || char === ')' || char === '[' || char === ']' || char === ',') {
      tokens.push({ kind: char, at: index })
      index++
    } else if (char === '"') {
      const start = index
      let value = ''
      index++
      for (;;) {
        if (index >= text.length) throw new Error(`a string opened at ${start} is not closed`)
        const next = text[index] as string
        if (next === '"') break
        if (next === '\\') {
          const escaped = text[index + 1]
          if (escaped === undefined) throw new Error(`a string opened at ${start} is not closed`)
          value += escaped === 'n' ? '\n' : escaped === 't' ? '\t' : escaped
          index += 2
        } else {
          value += next
          index++
        }
      }
      index++
      tokens.push({ kind: 'string', value, at: start })
    } else {
      const start = index
      while (index < text.length && !/[\s()[\],"]/.test(text[index] as string)) {
        index++
        // `name::` ends a name; what follows it is the operand.
        if (text.startsWith('::', index)) break
      }
      const word = text.slice(start, index)
      if (text.startsWith('::', index)) {
        if (!/^[A-Za-z_]+$/.test(word)) throw new Error(`'${word}::' at ${start} is not an operand name`)
        tokens.push({ kind: 'named', name: word, at: start })
        index += 2
      } else if (word.startsWith('$')) {
        if (word.length === 1) throw new Error(`'$' at ${start} names no context key`)
        tokens.push({ kind: 'context', key: word.slice(1), at: start })
      } else {
        tokens.push({ kind: 'word', word, at: start })
      }
    }
  }
  return tokens
}

class Parser {
  #index = 0
  readonly #tokens: readonly Token[]
  readonly #text: string

  constructor(tokens: readonly Token[], text: string) {
    this.#tokens = tokens
    this.#text = text
  }

  end(): void {
    const extra = this.#tokens[this.#index]
    if (extra !== undefined) throw new Error(`unexpected text at ${extra.at} after the expression`)
  }

  expression(): Expression {
    const open = this.#take()
    if (open.kind !== '(') throw new Error(`a rule is an expression in parentheses; found ${describe(open)}`)
    const operator = this.#take()
    if (operator.kind !== 'word') throw new Error(`an operator must follow '(' at ${open.at}`)
    const positional: Operand[] = []
    const named = new Map<string, Operand>()
    for (;;) {
      const next = this.#peek()
      if (next === undefined) throw new Error(`the expression opened at ${open.at} is not closed`)
      if (next.kind === ')') {
        this.#index++
        return { kind: 'expression', operator: operator.word, positional, named, at: open.at }
      }
      if (next.kind === 'named') {
        this.#index++
        if (named.has(next.name)) throw new Error(`'${next.name}::' is given twice at ${next.at}`)
        named.set(next.name, this.#operand())
      } else {
        positional.push(this.#operand())
      }
    }
  }

  #operand(): Operand {
    const token = this.#peek()
    if (token === undefined) throw new Error('the rule ends where an operand was expected')
    switch (token.kind) {
      case '(':
        return this.expression()
      case '[': {
        this.#index++
        const items: Literal[] = []
        for (;;) {
          const next = this.#take()
          if (next.kind === ']') return { kind: 'list', items }
          if (next.kind === ',') continue
          items.push(literal(next))
        }
      }
      case 'context':
        this.#index++
        return { kind: 'context', key: token.key }
      default:
        this.#index++
        return literal(token)
    }
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#index]
  }

  #take(): Token {
    const token = this.#tokens[this.#index++]
    if (token === undefined) throw new Error(`the rule ends too early (${this.#text.length} characters)`)
    return token
  }
}

const numberPattern = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/
/** W3C date and time formats: YYYY-MM, YYYY-MM-DD, and with a time, its seconds and fraction optional, and a zone. */
const timestampPattern = /^\d{4}-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?$/

function literal(token: Token): Literal {
  if (token.kind === 'string') return { kind: 'string', value: token.value }
  if (token.kind !== 'word') throw new Error(`expected an operand at ${token.at}; found ${describe(token)}`)
  const { word } = token
  if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' }
  if (numberPattern.test(word)) return { kind: 'number', value: Number(word) }
  const timestamp = timestampMs(word)
  if (timestamp !== undefined) return { kind: 'timestamp', value: timestamp }
  throw new Error(`'${word}' at ${token.at} is not a string, number, boolean or timestamp`)
}

function timestampMs(text: string): number | undefined {
  if (!timestampPattern.test(text)) return undefined
  const ms = Date.parse(text.length === 7 ? `${text}-01` : text)
  return Number.isNaN(ms) ? undefined : ms
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'string':
      return `a string at ${token.at}`
    case 'context':
      return `$${token.key} at ${token.at}`
    case 'named':
      return `${token.name}:: at ${token.at}`
    case 'word':
      return `'${token.word}' at ${token.at}`
    default:
      return `'${token.kind}' at ${token.at}`
  }
}

type Read = (context: FlagContext) => FlagContextValue | Literal['value']

const comparisons: Readonly<Record<string, (order: number) => boolean>> = {
  eq: (order) => order === 0,
  gt: (order) => order > 0,
  gte: (order) => order >= 0,
  lt: (order) => order < 0,
  lte: (order) => order <= 0,
}

const stringTests: Readonly<Record<string, (value: string, part: string) => boolean>> = {
  begins_with: (value, part) => value.startsWith(part),
  ends_with: (value, part) => value.endsWith(part),
  contains: (value, part) => value.includes(part),
}

function compileExpression(expression: Expression, flagName: string): FlagRule {
  const { operator, positional, named, at } = expression
  const where = `'${operator}' at ${at}`
  const only = (names: readonly string[], count: number) => {
    for (const name of named.keys()) {
      if (!names.includes(name)) throw new Error(`${where} takes no '${name}::'`)
    }
    if (positional.length !== count) {
      throw new Error(`${where} takes ${count} operand${count === 1 ? '' : 's'}, not ${positional.length}`)
    }
  }
  const comparison = comparisons[operator]
  if (comparison !== undefined) {
    only([], 2)
    const [left, right] = positional as [Operand, Operand]
    const order = orderOf(left, right, where)
    return (context) => {
      const result = order(context)
      return result !== undefined && comparison(result)
    }
  }
  const stringTest = stringTests[operator]
  if (stringTest !== undefined) {
    only([], 2)
    const value = reader(positional[0] as Operand, where)
    const part = reader(positional[1] as Operand, where)
    return (context) => {
      const text = asString(value(context))
      const wanted = asString(part(context))
      return text !== undefined && wanted !== undefined && stringTest(text, wanted)
    }
  }
  switch (operator) {
    case 'and':
    case 'or': {
      if (named.size > 0 || positional.length < 2) throw new Error(`${where} takes two or more expressions`)
      const parts = positional.map((operand) => subRule(operand, where, flagName))
      return operator === 'and'
        ? (context) => parts.every((part) => part(context))
        : (context) => parts.some((part) => part(context))
    }
    case 'not': {
      only([], 1)
      const part = subRule(positional[0] as Operand, where, flagName)
      return (context) => !part(context)
    }
    case 'in': {
      only([], 2)
      const list = positional[1] as Operand
      if (list.kind !== 'list') throw new Error(`${where} takes a value and a list: (in $key ["a", "b"])`)
      const value = positional[0] as Operand
      const tests = list.items.map((item) => orderOf(value, item, where))
      return (context) => tests.some((order) => order(context) === 0)
    }
    case 'matches': {
      only(['in', 'pattern'], 0)
      const input = named.get('in')
      const pattern = named.get('pattern')
      if (input === undefined || pattern?.kind !== 'string') {
        throw new Error(`${where} takes in:: and a pattern:: string: (matches in::$key pattern::"^a.*")`)
      }
      let regex: RegExp
      try {
        regex = new RegExp(pattern.value)
      } catch {
        throw new Error(`${where}: pattern:: is not a valid regular expression`)
      }
      const value = reader(input, where)
      return (context) => {
        const text = asString(value(context))
        return text !== undefined && regex.test(text)
      }
    }
    case 'exists': {
      only(['key'], 0)
      const key = named.get('key')
      if (key?.kind !== 'string') throw new Error(`${where} takes a key:: string: (exists key::"country")`)
      return (context) => readContext(context, key.value) !== undefined
    }
    case 'split': {
      only(['pct', 'by', 'seed'], 0)
      const pct = named.get('pct')
      const by = named.get('by')
      const seed = named.get('seed')
      if (pct?.kind !== 'number' || pct.value < 0 || pct.value > 100) {
        throw new Error(`${where} takes pct:: a number from 0 to 100`)
      }
      if (by?.kind !== 'context') throw new Error(`${where} takes by:: a context value: by::$userId`)
      if (seed !== undefined && seed.kind !== 'string') throw new Error(`${where}: seed:: must be a string`)
      // Without a seed, AppConfig's split is consistent within the flag only: the flag's name seeds it.
      const seedText = seed === undefined ? `flag:${flagName}` : `seed:${seed.value}`
      const share = pct.value
      return (context) => {
        const value = asString(readContext(context, by.key))
        return value !== undefined && splitBucket(seedText, value) < share
      }
    }
    default:
      throw new Error(`${where}: unknown operator`)
  }
}

function subRule(operand: Operand, where: string, flagName: string): FlagRule {
  if (operand.kind !== 'expression') throw new Error(`${where} takes expressions, not a ${operand.kind}`)
  return compileExpression(operand, flagName)
}

function reader(operand: Operand, where: string): Read {
  switch (operand.kind) {
    case 'context':
      return (context) => readContext(context, operand.key)
    case 'list':
    case 'expression':
      throw new Error(`${where} does not take a ${operand.kind} here`)
    default: {
      const value = operand.value
      return () => value
    }
  }
}

/**
 * How two operands compare (negative, 0, positive), or undefined when they cannot be: a context value is read as
 * the type of the literal it is compared with (the agent's `Context` header makes every value a string, so "42"
 * compares as 42 with a number, an ISO date as a time with a timestamp); two context values compare when their types
 * match.
 */
function orderOf(left: Operand, right: Operand, where: string): (context: FlagContext) => number | undefined {
  const type = literalType(left) ?? literalType(right)
  const readLeft = reader(left, where)
  const readRight = reader(right, where)
  return (context) => {
    const a = coerce(readLeft(context), type)
    const b = coerce(readRight(context), type)
    if (a === undefined || b === undefined || typeof a !== typeof b) return undefined
    if (a === b) return 0
    return a < b ? -1 : 1
  }
}

function literalType(operand: Operand): Literal['kind'] | undefined {
  switch (operand.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'timestamp':
      return operand.kind
    default:
      return undefined
  }
}

function coerce(
  value: FlagContextValue | Literal['value'],
  type: Literal['kind'] | undefined,
): string | number | boolean | undefined {
  if (value === null || value === undefined) return undefined
  switch (type) {
    case 'number':
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
      return typeof value === 'string' && numberPattern.test(value.trim()) ? Number(value.trim()) : undefined
    case 'timestamp':
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime()
      if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
      return typeof value === 'string' ? timestampMs(value.trim()) : undefined
    case 'boolean':
      if (typeof value === 'boolean') return value
      return value === 'true' ? true : value === 'false' ? false : undefined
    case 'string':
      return asString(value)
    default:
      return value instanceof Date ? value.getTime() : value
  }
}

function asString(value: FlagContextValue | Literal['value']): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined
  if (typeof value === 'boolean') return String(value)
  return undefined
}

/** A context key's own value: `$__proto__` or `$toString` read nothing from the prototype. */
function readContext(context: FlagContext, key: string): FlagContextValue {
  return Object.hasOwn(context, key) ? context[key] : undefined
}
