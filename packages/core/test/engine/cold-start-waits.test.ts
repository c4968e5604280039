import { describe, expect, it } from 'vitest'
import { lambda, type Middleware, middleware, raw } from '../../src/index.js'
import { context, deferred, flushMicrotasks } from '../support/index.js'

const passThrough: Middleware = { name: 'pass-through', handle: (_request, next) => next() }

describe('when an invocation waits for inits', () => {
  it('never, when no middleware has an init(): the handler runs in the turn the invocation starts', () => {
    let ran = false
    const handler = lambda(raw())
      .use(passThrough)
      .handle(() => {
        ran = true
      })
    void handler({}, context())
    expect(ran).toBe(true)
  })

  it('not on a warm invocation: the handler runs in the turn the invocation starts', async () => {
    let runs = 0
    const handler = lambda(raw())
      .use(middleware({ name: 'config', init: () => 'loaded', handle: (_request, next) => next() }))
      .handle(() => {
        runs++
      })
    await handler({}, context())
    void handler({}, context())
    expect(runs).toBe(2)
  })

  it('not when a shared init finished, started by another handler, after this one was built', async () => {
    const gate = deferred<string>()
    const shared = middleware<object, {}, string>({
      name: 'shared-client',
      init: () => gate.promise,
      handle: (_request, next) => next(),
    })
    const states: string[] = []
    const seen = middleware<object, {}, string>({
      name: 'reads-state',
      init: () => 'own',
      handle: (_request, next, state) => {
        states.push(state)
        return next()
      },
    })
    const first = lambda(raw())
      .use(shared)
      .handle(() => 'first')
    const second = lambda(raw())
      .use(shared)
      .use(seen)
      .handle(() => 'second')
    const firstOutcome = first({}, context())
    gate.resolve('client')
    await firstOutcome
    await flushMicrotasks()

    const outcome = second({}, context())
    expect(states).toEqual(['own'])
    await expect(outcome).resolves.toBe('second')
  })
})
