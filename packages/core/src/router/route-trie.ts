import { InvalidOptionError } from '../errors/invalid-option-error.js'
import { formatTemplate, type PathSegment } from './path-template.js'

/** What the trie stores per method at the end of a template: the route, and its parameters' names in order. */
export interface TrieEntry<TRoute> {
  readonly route: TRoute
  /** The method the route was declared for (`ANY` for every method). */
  readonly method: string
  readonly template: string
  /** One name per parameter segment of the template, in order; the greedy one last. */
  readonly paramNames: readonly string[]
  /** The template ends in a greedy parameter (`{path+}`): its value is the last of the values found. */
  readonly greedy: boolean
}

/**
 * One node per distinct template prefix. Its children are tried in matching order: the static child named by
 * the segment (one map lookup), then the parameter child, then the greedy one. So finding a route costs one step
 * per path segment whatever the number of routes, plus backtracking only where a static branch and a parameter
 * branch share a prefix and the static one dead-ends.
 */
class TrieNode<TRoute> {
  readonly statics = new Map<string, TrieNode<TRoute>>()
  param: TrieNode<TRoute> | undefined
  /** Entries of templates ending in a greedy parameter at this depth, by method. */
  greedy: Map<string, TrieEntry<TRoute>> | undefined
  /** Entries of templates ending at this node, by method. */
  methods: Map<string, TrieEntry<TRoute>> | undefined
}

/** The compiled matcher: templates are inserted once, at the first request; each request is one walk. */
export class RouteTrie<TRoute> {
  readonly #root = new TrieNode<TRoute>()

  /** Adds a route; a second route for the same method and the same shape of template is a mistake, said so. */
  insert(segments: readonly PathSegment[], method: string, route: TRoute): void {
    let node = this.#root
    const paramNames: string[] = []
    let table: Map<string, TrieEntry<TRoute>> | undefined
    for (const segment of segments) {
      if (segment.kind === 'static') {
        let child = node.statics.get(segment.value)
        if (child === undefined) {
          child = new TrieNode()
          node.statics.set(segment.value, child)
        }
        node = child
      } else if (segment.kind === 'param') {
        paramNames.push(segment.name)
        node.param ??= new TrieNode()
        node = node.param
      } else {
        paramNames.push(segment.name)
        node.greedy ??= new Map()
        table = node.greedy
      }
    }
    if (table === undefined) {
      node.methods ??= new Map()
      table = node.methods
    }
    const template = formatTemplate(segments)
    const existing = table.get(method)
    if (existing !== undefined) {
      throw new InvalidOptionError(
        'router()',
        'routes',
        `routes that never match the same requests (${method} ${existing.template} matches those of this one)`,
        `${method} ${template}`,
      )
    }
    table.set(method, { route, method, template, paramNames, greedy: table !== node.methods })
  }

  /**
   * The first route, in matching order (static beats parameter beats greedy, segment by segment from the left),
   * whose path matches and which has one of `methods` (tried in order at each node: `['HEAD', 'GET']` serves HEAD
   * by GET where there is no HEAD route, `ANY` after the method itself). The parameters' values go to
   * `values`, in the order of the entry's `paramNames`.
   */
  find(
    segments: readonly string[],
    methods: readonly string[],
    values: string[],
  ): TrieEntry<TRoute> | undefined {
    return findFrom(this.#root, segments, 0, methods, values)
  }

  /** Every method some route serves on this path, for `Allow`: empty when no route's path matches. */
  methodsOn(segments: readonly string[]): Set<string> {
    const methods = new Set<string>()
    collectMethods(this.#root, segments, 0, methods)
    return methods
  }
}

function findFrom<TRoute>(
  node: TrieNode<TRoute>,
  segments: readonly string[],
  index: number,
  methods: readonly string[],
  values: string[],
): TrieEntry<TRoute> | undefined {
  if (index === segments.length) return pick(node.methods, methods)
  const segment = segments[index] as string
  const child = node.statics.get(segment)
  if (child !== undefined) {
    const found = findFrom(child, segments, index + 1, methods, values)
    if (found !== undefined) return found
  }
  if (node.param !== undefined && segment !== '') {
    values.push(segment)
    const found = findFrom(node.param, segments, index + 1, methods, values)
    if (found !== undefined) return found
    values.pop()
  }
  if (node.greedy !== undefined && !segments.slice(index).includes('')) {
    const found = pick(node.greedy, methods)
    if (found !== undefined) {
      values.push(index === segments.length - 1 ? segment : segments.slice(index).join('/'))
      return found
    }
  }
  return undefined
}

function pick<TRoute>(
  table: Map<string, TrieEntry<TRoute>> | undefined,
  methods: readonly string[],
): TrieEntry<TRoute> | undefined {
  if (table === undefined) return undefined
  for (let index = 0; index < methods.length; index++) {
    const entry = table.get(methods[index] as string)
    if (entry !== undefined) return entry
  }
  return undefined
}

function collectMethods<TRoute>(
  node: TrieNode<TRoute>,
  segments: readonly string[],
  index: number,
  into: Set<string>,
): void {
  if (index === segments.length) {
    if (node.methods !== undefined) for (const method of node.methods.keys()) into.add(method)
    return
  }
  const segment = segments[index] as string
  const child = node.statics.get(segment)
  if (child !== undefined) collectMethods(child, segments, index + 1, into)
  if (node.param !== undefined && segment !== '') collectMethods(node.param, segments, index + 1, into)
  if (node.greedy !== undefined && !segments.slice(index).includes('')) {
    for (const method of node.greedy.keys()) into.add(method)
  }
}
