import { describe, expect, it } from 'vitest'
import { startLocalRuntime } from '../../../src/local/runtime/index.js'

describe('startLocalRuntime() options', () => {
  it.each([
    [{ handler: 'handler' }, 'handler'],
    [{ handler: 'dist/handler.' }, 'handler'],
    [{ handler: 'dist/.handler' }, 'handler'],
    [{ handler: 'dist/handler.handler', cwd: '/no/such/directory' }, 'cwd'],
    [{ handler: 'dist/handler.handler', timeoutMs: 0 }, 'timeoutMs'],
    [{ handler: 'dist/handler.handler', memorySizeMb: 64 }, 'memorySizeMb'],
    [{ handler: 'dist/handler.handler', functionName: 'orders api' }, 'functionName'],
    [{ handler: 'dist/handler.handler', mode: 'docker' }, 'mode'],
    [{ handler: 'dist/handler.handler', env: { _HANDLER: 'other.handler' } }, 'env._HANDLER'],
    [{ handler: 'dist/handler.handler', env: { PORT: 8080 } }, 'env.PORT'],
    [
      { handler: 'dist/handler.handler', env: { AWS_LAMBDA_FUNCTION_TIMEOUT: '0.5' } },
      'AWS_LAMBDA_FUNCTION_TIMEOUT',
    ],
    [
      { handler: 'dist/handler.handler', env: { AWS_LAMBDA_FUNCTION_TIMEOUT: '3' }, timeoutMs: 5_000 },
      'timeoutMs',
    ],
    [{ handler: 'dist/handler.handler', timeout: 3 }, 'timeout'],
    [{ handler: 'dist/handler.handler', nodePath: '/no/such/node' }, 'nodePath'],
    [{ handler: 'dist/handler.handler', runtimeClientDir: 42 }, 'runtimeClientDir'],
  ])('rejects %j, naming %s', async (options, option) => {
    const starting = startLocalRuntime(options as never)
    await expect(starting).rejects.toMatchObject({
      code: 'INVALID_OPTION',
      message: expect.stringContaining(option),
    })
  })
})
