import { sqs } from '@tsumiki/batch'
import { http, lambda } from '@tsumiki/core'
import { createContext, events } from '@tsumiki/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { tracing } from '../../src/index.js'
import { type InMemoryTracing, startInMemoryTracing } from '../support/in-memory-tracing.js'

let tracingOn: InMemoryTracing | undefined
afterEach(async () => {
  await tracingOn?.stop()
})

/*
 * A batch span processor holds spans until its timer (a minute here): what Lambda's freeze would strand. The end of
 * every invocation flushes, so they are exported before the handler returns.
 */
describe('the flush at the end of each invocation', () => {
  it('exports every span of the invocation before the handler returns', async () => {
    tracingOn = startInMemoryTracing({ batched: true })
    const handler = lambda(sqs())
      .use(tracing())
      .handle(() => undefined)
    await handler(events.sqs([{ body: 'a' }, { body: 'b' }]), createContext())
    expect(
      tracingOn
        .spans()
        .map((span) => span.name)
        .sort(),
    ).toEqual(['my-function', 'process my-queue', 'process my-queue'].sort())
  })

  it('exports nothing before the end without the flush (the test above fails without it)', async () => {
    tracingOn = startInMemoryTracing({ batched: true })
    const handler = lambda(http())
      .use(tracing({ flush: false }))
      .handle(() => 'ok')
    await handler(events.http('apiGatewayV2'), createContext())
    expect(tracingOn.spans()).toEqual([])
  })

  it('flushes after a failure too', async () => {
    tracingOn = startInMemoryTracing({ batched: true })
    const handler = lambda(http())
      .use(tracing())
      .handle(() => {
        throw new Error('down')
      })
    await handler(events.http('apiGatewayV2'), createContext())
    expect(tracingOn.spans()).toHaveLength(1)
  })
})
