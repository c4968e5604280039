import { http, lambda } from '@tsumiki/core'
import { captureLogs, events, invoke } from '@tsumiki/testing'
import { describe, expect, it, vi } from 'vitest'
import { createLogger, logger } from '../src/index.js'

describe('captureLogs() from @tsumiki/testing', () => {
  it('gets the lines the default destination writes with fs.writeSync(1), and nothing reaches stdout', async () => {
    const stdout = vi.spyOn(process.stdout, 'write')
    const handler = lambda(http())
      .use(logger({ service: 'orders' }))
      .handle(({ log }) => {
        log.info('order placed', { orderId: 'o-1' })
        return { ok: true }
      })
    const logs = captureLogs()
    try {
      await invoke(handler, events.http('apiGatewayV2', { method: 'POST', path: '/orders' }), {
        awsRequestId: 'req-9',
      })
      createLogger().warn('module scope')
    } finally {
      logs.stop()
    }
    expect(logs.lines).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'order placed',
        service: 'orders',
        orderId: 'o-1',
        function_request_id: 'req-9',
      }),
      expect.objectContaining({ level: 'WARN', message: 'module scope' }),
    ])
    expect(stdout).not.toHaveBeenCalled()
    stdout.mockRestore()
  })
})

// The README's "Testing what a handler logs" example, as written there.
describe('README: Testing what a handler logs', () => {
  const handler = lambda(http())
    .use(logger({ service: 'orders' }))
    .handle(({ log }) => {
      log.info('order placed', { orderId: 'o-1' })
      return { ok: true }
    })

  it('logs the order it placed', async () => {
    const logs = captureLogs()
    try {
      await invoke(handler, events.http('apiGatewayV2', { method: 'POST', path: '/orders' }))
    } finally {
      logs.stop()
    }
    expect(logs.lines).toEqual([expect.objectContaining({ message: 'order placed', orderId: 'o-1' })])
  })
})
