import { lambda, middleware, raw, setActiveTraceReader } from '@tsumiki/core'
import { createContext } from '@tsumiki/testing'
import { describe, expect, it } from 'vitest'
import { logger } from '../../src/index.js'
import { capture } from '../support/capture.js'

/*
 * The logger writes trace_id and span_id of the span a tracer says is active, read per line, without knowing
 * OpenTelemetry: the tracer registers a reader on the invocation (core's setActiveTraceReader).
 */
describe('trace correlation', () => {
  it("writes the active span's ids on every line, read when the line is written, and none without a tracer", async () => {
    const out = capture()
    let spanId = '00f067aa0ba902b7'
    const tracer = middleware({
      name: 'fake tracer',
      handle: (request, next) => {
        setActiveTraceReader(request, () => ({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId }))
        return next()
      },
    })
    const traced = lambda(raw())
      .use(logger({ write: out.write }))
      .use(tracer)
      .handle(({ log }) => {
        log.info('first')
        spanId = 'b7ad6b7169203331'
        log.info('second')
      })
    const untraced = lambda(raw())
      .use(logger({ write: out.write }))
      .handle(({ log }) => log.info('untraced'))
    await traced({}, createContext())
    await untraced({}, createContext())
    const [first, second, third] = out.lines
    expect(first).toMatchObject({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' })
    expect(second).toMatchObject({ span_id: 'b7ad6b7169203331' })
    expect(third).not.toHaveProperty('trace_id')
    expect(third).not.toHaveProperty('span_id')
  })
})
