import { InvalidOptionError, type RedactState } from '@tsumiki/core'

/**
 * Keys redacted wherever they appear, on top of the `redact` option: credentials that end up in logged events and
 * objects by accident (an HTTP event's headers, a user record). Matched in any case.
 */
export const defaultRedactPaths: readonly string[] = [
  '**.authorization',
  '**.proxy-authorization',
  '**.cookie',
  '**.cookies',
  '**.set-cookie',
  '**.x-api-key',
  '**.password',
]

type Pattern = readonly string[]

// A position is one pattern and how many of its segments have matched: pattern * positionsPerPattern + segment.
const positionsPerPattern = 1024
// The states met while walking user data are cached per key; data keyed by ids would grow the cache forever.
const maxCachedKeysPerState = 512

/**
 * Compiles paths such as `headers.authorization`, `*.password` (`*`: any one key or array index) and
 * `**.token` (`**`: any number of levels, none included) into the state at the root of a line. Segments match
 * keys in any case. A lazily built DFA: each set of positions reached is one state, made once and shared, and a
 * state remembers where each key it has seen leads, so a warm walk costs a map lookup per key.
 */
export function compileRedactPaths(
  paths: readonly string[],
  where = 'createLogger()',
): RedactState | undefined {
  const patterns: Pattern[] = []
  for (const path of new Set(paths)) {
    if (typeof path !== 'string' || path.trim() === '') {
      throw new InvalidOptionError(where, 'redact', 'a list of non-empty key paths', path)
    }
    const segments = path.split('.').map((segment) => segment.trim().toLowerCase())
    if (segments.some((segment) => segment === '')) {
      throw new InvalidOptionError(where, 'redact', 'key paths without an empty segment', path)
    }
    if (segments.length >= positionsPerPattern) {
      throw new InvalidOptionError(
        where,
        'redact',
        `key paths of fewer than ${positionsPerPattern} segments`,
        path,
      )
    }
    patterns.push(segments)
  }
  if (patterns.length === 0) return undefined
  const states = new Map<string, PathState>()
  const start = closure(
    patterns,
    patterns.map((_, index) => index * positionsPerPattern),
  )
  return stateFor(patterns, states, start)
}

class PathState implements RedactState {
  readonly redacts: boolean
  readonly #patterns: readonly Pattern[]
  readonly #states: Map<string, PathState>
  readonly #positions: readonly number[]
  readonly #next = new Map<string, PathState | null>()

  constructor(patterns: readonly Pattern[], states: Map<string, PathState>, positions: readonly number[]) {
    this.#patterns = patterns
    this.#states = states
    this.#positions = positions
    this.redacts = positions.some((position) => segmentAt(patterns, position) === undefined)
  }

  step(key: string): RedactState | undefined {
    const known = this.#next.get(key)
    if (known !== undefined) return known ?? undefined
    const next = this.#advance(key.toLowerCase())
    if (this.#next.size < maxCachedKeysPerState) this.#next.set(key, next ?? null)
    return next
  }

  #advance(key: string): PathState | undefined {
    const reached: number[] = []
    for (const position of this.#positions) {
      const segment = segmentAt(this.#patterns, position)
      if (segment === undefined) continue
      // `**` may swallow this key and stay; `*` and an equal segment move on to the next segment.
      if (segment === '**') reached.push(position)
      else if (segment === '*' || segment === key) reached.push(position + 1)
    }
    if (reached.length === 0) return undefined
    return stateFor(this.#patterns, this.#states, closure(this.#patterns, reached))
  }
}

function segmentAt(patterns: readonly Pattern[], position: number): string | undefined {
  return patterns[Math.floor(position / positionsPerPattern)]?.[position % positionsPerPattern]
}

// A `**` may match no level at all, so standing before it is also standing after it.
function closure(patterns: readonly Pattern[], positions: readonly number[]): number[] {
  const all = new Set<number>()
  const pending = [...positions]
  while (pending.length > 0) {
    const position = pending.pop() as number
    if (all.has(position)) continue
    all.add(position)
    if (segmentAt(patterns, position) === '**') pending.push(position + 1)
  }
  return [...all].sort((a, b) => a - b)
}

function stateFor(
  patterns: readonly Pattern[],
  states: Map<string, PathState>,
  positions: number[],
): PathState {
  const signature = positions.join(',')
  let state = states.get(signature)
  if (state === undefined) {
    state = new PathState(patterns, states, positions)
    states.set(signature, state)
  }
  return state
}
