import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { http, lambda, type RouteMethod, router } from '../../src/index.js'
import { parseTemplate } from '../../src/router/path-template.js'
import { RouteTrie } from '../../src/router/route-trie.js'
import {
  albEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  context,
  functionUrlEvent,
  readResponse,
} from '../support/index.js'

/** A route of a random table: its segments (`{}` a parameter, `{+}` a greedy one, else static) and method. */
interface TableRoute {
  readonly segments: readonly string[]
  readonly method: RouteMethod
}

const staticSegment = fc.constantFrom('a', 'b', 'c', 'é')
const templateSegment = fc.oneof(staticSegment, fc.constant('{}'))
const tableRoute: fc.Arbitrary<TableRoute> = fc.record({
  segments: fc
    .tuple(fc.array(templateSegment, { maxLength: 3 }), fc.boolean())
    .map(([segments, greedy]) => (greedy ? [...segments, '{+}'] : segments)),
  method: fc.constantFrom<RouteMethod>('GET', 'POST', 'DELETE', 'ANY'),
})

/** Routes of one table never conflict: one per method and shape of template. */
const routeTable = fc.uniqueArray(tableRoute, {
  maxLength: 12,
  selector: (route) => `${route.method} ${route.segments.join('/')}`,
})

const pathSegment = fc.constantFrom('a', 'b', 'c', 'x', '', '%61', '%C3%A9', '%zz', '%2F', 'a%2Fb')
const requestPath = fc
  .tuple(fc.array(pathSegment, { maxLength: 5 }), fc.boolean())
  .map(([segments, trailingSlash]) =>
    segments.length === 0 ? '/' : `/${segments.join('/')}${trailingSlash ? '/' : ''}`,
  )
const requestMethod = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS')

/** Each front door, and whether it hands over the path already decoded (an HTTP API does). */
const frontDoor = fc.constantFrom(
  { event: apiGatewayV1Event, pathDecoded: false },
  { event: apiGatewayV2Event, pathDecoded: true },
  { event: functionUrlEvent, pathDecoded: false },
  { event: albEvent, pathDecoded: false },
)

/** Each table route's template as a router spells it, with numbered parameters. */
function templateOf(route: TableRoute): string {
  let count = 0
  const parts = route.segments.map((segment) =>
    segment === '{}' ? `{p${count++}}` : segment === '{+}' ? `{p${count++}+}` : segment,
  )
  return `/${parts.join('/')}`
}

type Expected =
  | { status: 200; index: number; params: Record<string, string> }
  | { status: 204 | 405; allow: string }
  | { status: 400 | 404 }

/**
 * The matching rules, spelled as plainly as possible: decode each segment once, find every route whose template
 * matches, rank them segment by segment (static before parameter before greedy), then by method (the request's,
 * GET for HEAD, then ANY), and take the first.
 */
function referenceMatch(
  table: readonly TableRoute[],
  path: string,
  method: string,
  pathDecoded: boolean,
): Expected {
  const trimmed = path.replace(/^\//, '').replace(/\/$/, '')
  const segments =
    path === '/'
      ? []
      : trimmed.split('/').map((segment) => (pathDecoded ? segment : decodeLeniently(segment)))
  const rankOf = { static: 0, param: 1, greedy: 2 }
  const preference = method === 'HEAD' ? ['HEAD', 'GET', 'ANY'] : [method, 'ANY']
  const candidates: { index: number; ranks: number[]; params: Record<string, string> }[] = []
  table.forEach((route, index) => {
    const params: Record<string, string> = {}
    const ranks: number[] = []
    let count = 0
    for (const [position, segment] of route.segments.entries()) {
      if (segment === '{+}') {
        const rest = segments.slice(position)
        if (rest.length === 0 || rest.includes('')) return
        params[`p${count++}`] = rest.join('/')
        ranks.push(rankOf.greedy)
        candidates.push({ index, ranks, params })
        return
      }
      const value = segments[position]
      if (value === undefined) return
      if (segment === '{}') {
        if (value === '') return
        params[`p${count++}`] = value
        ranks.push(rankOf.param)
      } else {
        if (value !== segment) return
        ranks.push(rankOf.static)
      }
    }
    if (route.segments.length === segments.length) candidates.push({ index, ranks, params })
  })
  const served = candidates
    .filter((candidate) => preference.includes((table[candidate.index] as TableRoute).method))
    .sort(
      (x, y) =>
        compareRanks(x.ranks, y.ranks) ||
        preference.indexOf((table[x.index] as TableRoute).method) -
          preference.indexOf((table[y.index] as TableRoute).method),
    )
  const first = served[0]
  if (first !== undefined) {
    const route = table[first.index] as TableRoute
    const greedy =
      route.segments.at(-1) === '{+}'
        ? first.params[`p${route.segments.filter((s) => s.startsWith('{')).length - 1}`]
        : undefined
    if (greedy !== undefined && leavesItsDirectory(greedy)) return { status: 400 }
    return { status: 200, index: first.index, params: first.params }
  }
  if (candidates.length === 0) return { status: 404 }
  const methods = new Set(candidates.map((candidate) => (table[candidate.index] as TableRoute).method))
  if (methods.has('GET')) methods.add('HEAD')
  methods.add('OPTIONS')
  return { status: method === 'OPTIONS' ? 204 : 405, allow: [...methods].sort().join(', ') }
}

function compareRanks(x: readonly number[], y: readonly number[]): number {
  for (let index = 0; index < Math.min(x.length, y.length); index++) {
    const difference = (x[index] as number) - (y[index] as number)
    if (difference !== 0) return difference
  }
  return x.length - y.length
}

/**
 * A greedy value a handler could turn into a path outside its directory: decoded again until nothing changes (a `%`
 * that starts no escape is a character), it starts with a separator or holds a `.` or `..` segment; or it holds an
 * escape that is not UTF-8.
 */
function leavesItsDirectory(value: string): boolean {
  let text = value
  for (;;) {
    if (/^[\\/]/.test(text) || text.split(/[\\/]/).some((piece) => piece === '.' || piece === '..'))
      return true
    let decoded: string
    try {
      decoded = decodeURIComponent(text.replace(/%(?![0-9a-f]{2})/gi, '%25'))
    } catch {
      return true
    }
    if (decoded === text) return false
    text = decoded
  }
}

function decodeLeniently(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function handlerFor(table: readonly TableRoute[]) {
  const routes = table.reduce(
    (built, route, index) =>
      built.on(route.method, templateOf(route), (declared) =>
        declared.handle(({ pathParams }) => ({ index, params: pathParams })),
      ),
    router(),
  )
  return lambda(http()).handle(routes)
}

describe('router matching (property)', () => {
  it('answers every request as the reference matcher does, and never with a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        routeTable,
        fc.array(fc.tuple(requestPath, requestMethod, frontDoor), { minLength: 1, maxLength: 8 }),
        async (table, requests) => {
          const handler = handlerFor(table)
          for (const [path, method, door] of requests) {
            const response = readResponse(await handler(door.event({ method, path }), context()))
            const expected = referenceMatch(table, path, method, door.pathDecoded)
            expect(response.status).not.toBe(500)
            if (expected.status === 200) {
              expect(response.status).toBe(200)
              expect(method === 'HEAD' ? undefined : response.json()).toEqual(
                method === 'HEAD' ? undefined : { index: expected.index, params: expected.params },
              )
            } else if (!('allow' in expected)) {
              expect(response.status).toBe(expected.status)
            } else {
              expect(response.status).toBe(expected.status)
              expect(response.headers.allow).toBe(expected.allow)
            }
          }
        },
      ),
      { numRuns: 300 },
    )
  })

  it('walks as many path segments to find the last of 200 routes as to find the only one', () => {
    // Not timed: what the trie reads of the path is counted; a linear matcher would read it once per route.
    const readsToFind = (routeCount: number) => {
      const trie = new RouteTrie<number>()
      for (let index = 0; index < routeCount; index++) {
        trie.insert(parseTemplate(`/r${index}/orders/{id}`), 'GET', index)
      }
      let reads = 0
      const segments = new Proxy([`r${routeCount - 1}`, 'orders', '42'], {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) reads++
          return Reflect.get(target, key, receiver)
        },
      })
      const values: string[] = []
      expect(trie.find(segments, ['GET', 'ANY'], values)?.route).toBe(routeCount - 1)
      expect(values).toEqual(['42'])
      return reads
    }
    expect(readsToFind(200)).toBe(readsToFind(1))
  })
})
