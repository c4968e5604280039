import { describe, expectTypeOf, it } from 'vitest'
import type {
  FunctionError,
  LocalInvocation,
  LocalRuntime,
  LocalRuntimeOptions,
} from '../../../src/local/runtime/index.js'

declare const runtime: LocalRuntime

describe('LocalRuntime types', () => {
  it('narrows an invocation to its result or its error', async () => {
    const invocation = await runtime.invoke<{ statusCode: number }>({})
    if (invocation.error) {
      expectTypeOf(invocation.error).toEqualTypeOf<FunctionError>()
      expectTypeOf(invocation.result).toEqualTypeOf<undefined>()
    } else {
      expectTypeOf(invocation.result).toEqualTypeOf<{ statusCode: number }>()
    }
    expectTypeOf(invocation.coldStart).toEqualTypeOf<boolean>()
    expectTypeOf(invocation.initDurationMs).toEqualTypeOf<number | undefined>()
  })

  it('types an unnamed result as unknown, not any', async () => {
    const invocation = await runtime.invoke({})
    expectTypeOf(invocation).toEqualTypeOf<LocalInvocation<unknown>>()
    if (!invocation.error) expectTypeOf(invocation.result).toBeUnknown()
  })

  it('requires a handler and string variables', () => {
    // @ts-expect-error: handler is required
    const noHandler: LocalRuntimeOptions = { cwd: '.' }
    // @ts-expect-error: variables are strings
    const numberVariable: LocalRuntimeOptions = { handler: 'dist/handler.handler', env: { PORT: 8080 } }
    // @ts-expect-error: no such mode
    const docker: LocalRuntimeOptions = { handler: 'dist/handler.handler', mode: 'docker' }
    expectTypeOf([noHandler, numberVariable, docker]).toBeArray()
  })
})
