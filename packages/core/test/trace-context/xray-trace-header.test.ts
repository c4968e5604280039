import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  traceHeaderField,
  traceRoot,
  xRayTraceHeaderOf,
  xRayTraceIdOf,
} from '../../src/trace-context/xray-trace-header.js'

afterEach(() => {
  vi.unstubAllEnvs()
  delete (globalThis as { awslambda?: unknown }).awslambda
})

describe('the X-Ray trace id', () => {
  const header = (n: number) =>
    `Root=1-0000000${n}-aaaaaaaaaaaaaaaaaaaaaaaa;Parent=53995c3f42cd8ad8;Sampled=1`

  it('is the Root of the trace header', () => {
    expect(traceRoot(header(1))).toBe('1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa')
    expect(traceRoot('Parent=1;Root=1-abc')).toBe('1-abc')
    expect(traceRoot('1-bare')).toBe('1-bare')
    expect(traceRoot('Parent=1')).toBeUndefined()
  })

  it('comes from the context first, then the runtime invocation store, then _X_AMZN_TRACE_ID', () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', header(3))
    expect(xRayTraceIdOf({})).toBe('1-00000003-aaaaaaaaaaaaaaaaaaaaaaaa')
    ;(globalThis as { awslambda?: unknown }).awslambda = { InvokeStore: { getXRayTraceId: () => header(2) } }
    expect(xRayTraceIdOf({})).toBe('1-00000002-aaaaaaaaaaaaaaaaaaaaaaaa')
    expect(xRayTraceIdOf({ xRayTraceId: header(1) })).toBe('1-00000001-aaaaaaaaaaaaaaaaaaaaaaaa')
  })

  it('is undefined without tracing, and a throwing store is ignored', () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', '')
    ;(globalThis as { awslambda?: unknown }).awslambda = {
      InvokeStore: {
        getXRayTraceId: () => {
          throw new Error('no context')
        },
      },
    }
    expect(xRayTraceIdOf(undefined)).toBeUndefined()
  })

  it('gives the whole header and each of its fields', () => {
    const whole = xRayTraceHeaderOf({ xRayTraceId: header(4) })
    expect(whole).toBe(header(4))
    expect(traceHeaderField(whole as string, 'Parent')).toBe('53995c3f42cd8ad8')
    expect(traceHeaderField(whole as string, 'Sampled')).toBe('1')
    expect(traceHeaderField(whole as string, 'Lineage')).toBeUndefined()
    expect(traceHeaderField('=x;Root=', 'Root')).toBeUndefined()
  })
})
