import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'

export type ExampleName = 'http-orders' | 'sqs-worker' | 'stream-projector'

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url))

/** A running execution environment of an example's bundle, and the label the timeline shows for it. */
export interface DemoFunction {
  readonly label: string
  readonly runtime: LocalRuntime
}

const started = new Map<ExampleName, number>()

/**
 * Starts one execution environment of an example: its bundle (`dist/handler.mjs`, built by `pnpm demo`) under
 * AWS's runtime interface client, with the environment the example's local setup returned.
 */
export async function startFunction(
  example: ExampleName,
  env: Readonly<Record<string, string>>,
): Promise<DemoFunction> {
  const number = (started.get(example) ?? 0) + 1
  started.set(example, number)
  const runtime = await startLocalRuntime({
    handler: 'dist/handler.handler',
    cwd: join(examplesDir, example),
    functionName: example,
    env: { ...env, AWS_LAMBDA_FUNCTION_TIMEOUT: '10' },
  })
  if (runtime.init.error !== undefined) {
    await runtime.stop()
    throw new Error(
      `${example} failed its init: ${runtime.init.error.errorType}: ${runtime.init.error.errorMessage}\n${runtime.init.logs.raw.join('\n')}`,
    )
  }
  return { label: `${example} #${number}`, runtime }
}
