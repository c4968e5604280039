import { lambda, raw, type SignalArguments } from '@tsumiki/core'
import { captureLogs, createContext } from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { observingSignals } from '../../../../test/support/observing-signals.js'
import { parameters, ssm } from '../../src/index.js'
import { type Setup, startSetup } from '../support/local-aws.js'

/*
 * What the parameter cache did, reported as `parameters.fetch` signals (which metrics() counts) to the invocation in
 * which it next serves values: reads, stale serves and failed reads, by key, never a value.
 */

let setup: Setup

beforeAll(async () => {
  setup = await startSetup({ parameters: { '/app/table': 'orders-v1', '/app/flag': 'on' } })
})
afterAll(async () => {
  await setup.aws.stop()
})

/** Keeps each invocation's signals under its request id. */
const into =
  (received: Map<string, SignalArguments[]>) => (signal: SignalArguments, awsRequestId: string) => {
    const list = received.get(awsRequestId) ?? []
    received.set(awsRequestId, list)
    list.push(signal)
  }

const fetchSignals = (received: Map<string, SignalArguments[]>, requestId: string) =>
  (received.get(requestId) ?? []).flatMap(([name, fields]) => (name === 'parameters.fetch' ? [fields] : []))

describe('parameters.fetch signals', () => {
  it('count the cold start in the first invocation, a stale serve where it happens, its refresh in the next', async () => {
    const received = new Map<string, SignalArguments[]>()
    const handler = lambda(raw())
      .use(observingSignals(into(received)))
      .use(
        parameters(
          { table: ssm('/app/table'), flag: ssm('/app/flag') },
          { clientConfig: setup.clientConfig, now: setup.clock.now, maxAgeMs: 1_000 },
        ),
      )
      .handle(({ params }) => params.table)

    await handler({}, createContext({ awsRequestId: 'cold' }))
    await handler({}, createContext({ awsRequestId: 'warm' }))
    setup.clock.advance(1_500)
    const callsBefore = setup.aws.calls('GetParameters')
    await handler({}, createContext({ awsRequestId: 'stale' }))
    await vi.waitFor(() => expect(setup.aws.calls('GetParameters')).toBe(callsBefore + 1))
    // The refresh's answer is stored on a later turn than the call is counted.
    await vi.waitFor(async () => {
      await handler({}, createContext({ awsRequestId: 'after' }))
      expect(fetchSignals(received, 'after')).not.toEqual([])
    })

    expect(fetchSignals(received, 'cold')).toEqual([
      { outcome: 'fetched', count: 2, parameters: ['table', 'flag'] },
    ])
    expect(fetchSignals(received, 'warm')).toEqual([])
    expect(fetchSignals(received, 'stale')).toEqual([
      { outcome: 'stale', count: 2, parameters: ['table', 'flag'] },
    ])
    expect(fetchSignals(received, 'after')).toEqual([
      { outcome: 'fetched', count: 2, parameters: ['table', 'flag'] },
    ])
  })

  it('count a failed read and the stale value served after it, in the invocation that waited', async () => {
    const logs = captureLogs()
    try {
      const received = new Map<string, SignalArguments[]>()
      const handler = lambda(raw())
        .use(observingSignals(into(received)))
        .use(
          parameters(
            { table: ssm('/app/table') },
            {
              clientConfig: setup.clientConfig,
              now: setup.clock.now,
              maxAgeMs: 1_000,
              refresh: 'blocking',
              staleIfErrorMs: 60_000,
            },
          ),
        )
        .handle(({ params }) => params.table)
      await handler({}, createContext({ awsRequestId: 'first' }))
      setup.clock.advance(1_500)
      setup.aws.inject({ operation: 'GetParameters', fault: 'throttle', times: 1 })
      await expect(handler({}, createContext({ awsRequestId: 'failing' }))).resolves.toBe('orders-v1')
      expect(fetchSignals(received, 'failing')).toEqual([
        { outcome: 'failed', count: 1, parameters: ['table'] },
        { outcome: 'stale', count: 1, parameters: ['table'] },
      ])
      expect(logs.raw).not.toContain('orders-v1')
    } finally {
      logs.stop()
      setup.aws.clearFaults()
    }
  })
})
