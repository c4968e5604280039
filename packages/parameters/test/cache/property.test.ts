import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ParameterCache } from '../../src/cache/parameter-cache.js'
import { createParameterStore, ssm } from '../../src/index.js'
import type { ResolvedStoreOptions } from '../../src/store/store-options.js'
import type { FetchedParameter } from '../../src/transport/fetched.js'
import type { ParameterTransport } from '../../src/transport/transport.js'
import { type Setup, startSetup } from '../support/local-aws.js'

let setup: Setup

beforeAll(async () => {
  setup = await startSetup({
    parameters: Object.fromEntries(
      Array.from({ length: 45 }, (_, index) => [`/prop/p${index}`, `v${index}`]),
    ),
  })
})

afterAll(async () => {
  await setup.aws.stop()
})

describe('cold start, through the SDK', () => {
  it('property: n names cost ceil(n / 10) GetParameters calls, all in parallel, and every missing name is reported', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 45 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { maxLength: 5 }),
        async (present, missing) => {
          setup.aws.resetCalls()
          setup.aws.clearFaults()
          // Long enough that every chunk's call arrives while the first is still being answered, even on a busy machine.
          setup.aws.inject({ latencyMs: 300, operation: 'GetParameters' })
          const definitions = Object.fromEntries([
            ...Array.from({ length: present }, (_, index) => [`p${index}`, ssm(`/prop/p${index}`)] as const),
            ...missing.map((index) => [`m${index}`, ssm(`/prop/missing${index}`)] as const),
          ])
          const store = createParameterStore(definitions, { clientConfig: setup.clientConfig })
          const chunks = Math.ceil((present + missing.length) / 10)
          const result = await store.getAll().then(
            (values) => ({ values, error: undefined }),
            (error: unknown) => ({ values: undefined, error }),
          )
          expect(setup.aws.calls('GetParameters')).toBe(chunks)
          expect(setup.aws.peakConcurrency('GetParameters')).toBe(chunks)
          if (missing.length === 0) {
            expect(Object.keys(result.values ?? {})).toHaveLength(present)
          } else {
            const failures = (result.error as { failures: { name: string }[] }).failures
            expect(failures.map((failure) => failure.name).sort()).toEqual(
              missing.map((index) => `/prop/missing${index}`).sort(),
            )
          }
        },
      ),
      { numRuns: 8 },
    )
  })
})

/**
 * A transport whose answers wait until the test settles them. Each answer is a new value, `<name>#<call>`, and
 * the clock time it was answered at is kept (the cache stores a value's age from then).
 */
function scriptedTransport(now: () => number) {
  const state = {
    failNext: false,
    inFlight: new Map<string, number>(),
    maxInFlight: 0,
    calls: 0,
    answeredAtMs: new Map<string, number>(),
    latestAtMs: new Map<string, number>(),
  }
  const pending: (() => void)[] = []
  const transport: ParameterTransport = {
    getParameters(names) {
      state.calls++
      const fail = state.failNext
      state.failNext = false
      for (const name of names) {
        const count = (state.inFlight.get(name) ?? 0) + 1
        state.inFlight.set(name, count)
        state.maxInFlight = Math.max(state.maxInFlight, count)
      }
      const call = state.calls
      return new Promise((resolve, reject) => {
        pending.push(() => {
          for (const name of names) state.inFlight.set(name, (state.inFlight.get(name) ?? 1) - 1)
          if (fail) reject(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
          else {
            for (const name of names) {
              state.answeredAtMs.set(`${name}#${call}`, now())
              state.latestAtMs.set(name, now())
            }
            const found = new Map<string, FetchedParameter>(
              names.map((name) => [name, { name, value: `${name}#${call}`, type: 'String' }]),
            )
            resolve({ found, missing: [] })
          }
        })
      })
    },
    getParametersByPath: () => Promise.reject(new Error('not used')),
    getSecrets: () => Promise.reject(new Error('not used')),
  }
  const settle = async () => {
    for (let round = 0; round < 5; round++) {
      while (pending.length > 0) pending.shift()?.()
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  return { state, transport, settle }
}

type Step =
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'readers'; readonly count: number }
  | { readonly kind: 'fail-next' }
  | { readonly kind: 'settle' }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 2500 }) }),
  fc.record({ kind: fc.constant('readers' as const), count: fc.integer({ min: 1, max: 50 }) }),
  fc.constant({ kind: 'fail-next' as const }),
  fc.constant({ kind: 'settle' as const }),
)

describe('the cache, under any interleaving of time, readers, rotations and failures', () => {
  it.each(['background', 'blocking'] as const)(
    'property (%s): one read in flight per name; a value is served only within its staleness window; fresh values cost no call',
    async (refresh) => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          let nowMs = 0
          const { state, transport, settle } = scriptedTransport(() => nowMs)
          const maxAgeMs = 1000
          const staleIfErrorMs = 1500
          const options: ResolvedStoreOptions = {
            maxAgeMs,
            refresh,
            staleWhileRefreshMs: undefined,
            staleIfErrorMs,
            transport,
            logger: { warn: () => {} },
            now: () => nowMs,
          }
          const cache = new ParameterCache({ a: ssm('/a'), b: ssm('/b', { maxAgeMs: 400 }) }, options)
          const readers: Promise<unknown>[] = []
          const load = cache.load()
          await settle()
          await load
          for (const action of steps) {
            if (action.kind === 'advance') nowMs += action.ms
            else if (action.kind === 'fail-next') state.failNext = true
            else if (action.kind === 'settle') await settle()
            else {
              const callsBefore = state.calls
              const allFresh =
                nowMs - (state.latestAtMs.get('/a') ?? 0) < maxAgeMs &&
                nowMs - (state.latestAtMs.get('/b') ?? 0) < 400
              for (let index = 0; index < action.count; index++) {
                const servedAtMs = nowMs
                const answer = Promise.resolve(cache.current({})).then(
                  (values) => {
                    for (const value of [values.a, values.b]) {
                      const readAtMs = state.answeredAtMs.get(value)
                      if (readAtMs === undefined) continue
                      const valueMaxAgeMs = value.startsWith('/a') ? maxAgeMs : 400
                      // Background mode serves a stale value while it refreshes, up to maxAgeMs past its maximum age.
                      const staleMs =
                        refresh === 'background' ? Math.max(valueMaxAgeMs, staleIfErrorMs) : staleIfErrorMs
                      const limit = valueMaxAgeMs + staleMs
                      expect(servedAtMs - readAtMs).toBeLessThan(limit)
                    }
                  },
                  (error: unknown) =>
                    expect((error as { code?: string }).code).toBe('PARAMETER_FETCH_FAILED'),
                )
                readers.push(answer)
              }
              if (allFresh) expect(state.calls).toBe(callsBefore)
            }
            expect(state.maxInFlight).toBeLessThanOrEqual(1)
          }
          await settle()
          await Promise.all(readers)
        }),
        { numRuns: 150 },
      )
    },
  )
})
