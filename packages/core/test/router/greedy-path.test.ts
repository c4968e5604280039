import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { http, lambda, router } from '../../src/index.js'
import {
  albEvent,
  apiGatewayV1Event,
  apiGatewayV2Event,
  context,
  functionUrlEvent,
  type HttpRequestSpec,
  readResponse,
} from '../support/index.js'

/*
 * A greedy parameter is the one most likely to become a file path (`readFile(join(root, pathParams.path))`), so it
 * never carries a dot segment, however it is spelled: raw, percent-encoded, encoded twice, in an overlong UTF-8
 * form, or hidden behind an encoded separator; nor starts with a separator (an absolute path). Such a request is a
 * 400 and the route never runs.
 */

const frontDoors = [
  ['REST API', apiGatewayV1Event],
  ['HTTP API', apiGatewayV2Event],
  ['Function URL', functionUrlEvent],
  ['ALB', albEvent],
] as const

function filesHandler() {
  const ran: string[] = []
  const handler = lambda(http()).handle(
    router().get('/files/{path+}', (route) =>
      route.handle(({ pathParams }) => {
        ran.push(pathParams.path)
        return { path: pathParams.path }
      }),
    ),
  )
  return {
    ran,
    call: async (event: (spec: HttpRequestSpec) => unknown, path: string) =>
      readResponse(await handler(event({ method: 'GET', path }) as never, context())),
  }
}

const hostilePaths = [
  '/files/..',
  '/files/.',
  '/files/a/../../etc/passwd',
  '/files/a/./b',
  '/files/%2e%2e/etc/passwd',
  '/files/%2E%2e/etc/passwd',
  '/files/.%2e/etc/passwd',
  '/files/..%2F..%2Fetc%2Fpasswd',
  '/files/a%2f..%2fsecret',
  '/files/..%5C..%5Cwindows%5Cwin.ini',
  '/files/a%5c.%5cb',
  '/files/%252e%252e/etc/passwd',
  '/files/%25252E%25252E/etc/passwd',
  '/files/..%252F..%252Fetc',
  '/files/%c0%ae%c0%ae/etc/passwd',
  '/files/%e0%80%ae%e0%80%ae/etc/passwd',
  '/files/%u002e%u002e/etc/passwd',
  '/files/%2525252525252e%2525252525252e/x',
  // An absolute path smuggled in front: join() would keep it inside, resolve() and readFile() would not.
  '/files/%2Fetc%2Fpasswd',
  '/files/%5Cetc%5Cpasswd',
  '/files/%252Fetc/passwd',
]

describe('a greedy path parameter never carries a dot segment nor starts with a separator', () => {
  describe.each(frontDoors)('through %s', (_door, event) => {
    it.each(hostilePaths)('%s is a 400 naming the parameter, and the route does not run', async (path) => {
      const { ran, call } = filesHandler()
      const response = await call(event, path)
      expect(response.status).toBe(400)
      expect(response.json()).toEqual({
        error: {
          type: 'bad_request',
          message: expect.stringContaining('path parameter "path"'),
          details: { pathParam: 'path' },
        },
      })
      expect(ran).toEqual([])
    })
  })

  it.each([
    ['/files/a/b/c.txt', 'a/b/c.txt'],
    ['/files/.hidden', '.hidden'],
    ['/files/a..b/...', 'a..b/...'],
    ['/files/report%20v2.pdf', 'report v2.pdf'],
    ['/files/a%2Fb', 'a/b'],
    ['/files/100%25', '100%'],
    ['/files/%zz', '%zz'],
  ])('%s reaches the route as %j', async (path, value) => {
    const { ran, call } = filesHandler()
    const response = await call(apiGatewayV1Event, path)
    expect(response.status).toBe(200)
    expect(response.json()).toEqual({ path: value })
    expect(ran).toEqual([value])
  })
})

/** How a client (or an attacker) may spell one character of a path. */
function spellings(char: string): string[] {
  const hex = char.charCodeAt(0).toString(16).padStart(2, '0')
  const forms = [`%${hex}`, `%${hex.toUpperCase()}`, `%25${hex}`, `%2525${hex}`]
  if (char === '.') forms.push('%c0%ae', '%C0%AE', '%e0%80%ae', '%u002e')
  if (char === '/') forms.push('%c0%af')
  return [char === '/' ? '%2F' : char, ...forms]
}

const dotSegment = fc
  .constantFrom('.', '..')
  .chain((dots) =>
    fc.tuple(...[...dots].map((char) => fc.constantFrom(...spellings(char)))).map((parts) => parts.join('')),
  )
const separator = fc.constantFrom('/', '%2F', '%2f', '%5C', '%5c', '%252F', '%255C', '\\', '%c0%af')
const name = fc.stringMatching(/^[a-z0-9_-]{1,6}(\.[a-z]{1,3})?$/)

/** Every way a path under the route can hide a dot segment: names and dot segments joined by some separator. */
const hostilePath = fc
  .tuple(
    fc.array(name, { maxLength: 3 }),
    dotSegment,
    fc.array(name, { maxLength: 3 }),
    fc.array(separator, { minLength: 6, maxLength: 6 }),
  )
  .map(([before, dots, after, separators]) =>
    [...before, dots, ...after].reduce(
      (path, part, index) => (index === 0 ? part : `${path}${separators[index % separators.length]}${part}`),
      '',
    ),
  )

/** Decodes again and again as a careless handler might, leniently; the value no handler may end up with. */
function decodedAllTheWay(value: string): string {
  let text = value
  for (let round = 0; round < 10; round++) {
    let next = text.replace(/%u([0-9a-f]{4})/gi, (_match, code: string) =>
      String.fromCharCode(Number.parseInt(code, 16)),
    )
    next = next.replace(/%c0%ae|%e0%80%ae/gi, '.').replace(/%c0%af/gi, '/')
    try {
      next = decodeURIComponent(next.replace(/%(?![0-9a-f]{2})/gi, '%25'))
    } catch {
      next = next.replace(/%([0-9a-f]{2})/gi, (_match, code: string) =>
        String.fromCharCode(Number.parseInt(code, 16)),
      )
    }
    if (next === text) return text
    text = next
  }
  return text
}

/** A dot segment anywhere, or a separator first (an absolute path). */
function leavesItsDirectory(value: string): boolean {
  return /^[\\/]/.test(value) || value.split(/[\\/]/).some((piece) => piece === '.' || piece === '..')
}

describe('a greedy path parameter (property)', () => {
  it('answers 400 without running the route for every spelling of a dot segment, through every front door', async () => {
    await fc.assert(
      fc.asyncProperty(hostilePath, fc.constantFrom(...frontDoors), async (path, [, event]) => {
        const { ran, call } = filesHandler()
        const response = await call(event, `/files/${path}`)
        expect(response.status).toBe(400)
        expect(ran).toEqual([])
      }),
      { numRuns: 500 },
    )
  })

  it('never hands the route a value that decodes, however often, to a dot segment or an absolute path; never answers 500', async () => {
    const piece = fc.oneof(
      name,
      dotSegment,
      fc.constantFrom('%', '%25', '%2', '%zz', 'é', '%C3%A9', '...', '.a', ''),
    )
    const anyPath = fc
      .tuple(
        fc.array(piece, { minLength: 1, maxLength: 5 }),
        fc.array(separator, { minLength: 5, maxLength: 5 }),
      )
      .map(([pieces, separators]) =>
        pieces.reduce(
          (path, part, index) => (index === 0 ? part : `${path}${separators[index - 1]}${part}`),
          '',
        ),
      )
    await fc.assert(
      fc.asyncProperty(anyPath, fc.constantFrom(...frontDoors), async (path, [, event]) => {
        const { ran, call } = filesHandler()
        const response = await call(event, `/files/${path}`)
        expect([200, 400, 404]).toContain(response.status)
        for (const value of ran) expect(leavesItsDirectory(decodedAllTheWay(value))).toBe(false)
        if (response.status === 400) expect(ran).toEqual([])
      }),
      { numRuns: 1000 },
    )
  })
})
