import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type LocalRuntime, startLocalRuntime } from '@tsumiki/testing/runtime'

/** `auto`: under aws-lambda-ric where it is built, else in this process; `in-process`: always in this process. */
export type DemoRuntimeMode = 'auto' | 'in-process'

export type ExampleName = 'http-orders' | 'sqs-worker' | 'stream-projector'

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url))

/** A running execution environment of an example's bundle, and the label the timeline shows for it. */
export interface DemoFunction {
  readonly example: ExampleName
  readonly label: string
  readonly runtime: LocalRuntime
}

/**
 * Starts one execution environment of an example: its bundle (`dist/handler.mjs`, built by `pnpm demo`) under
 * AWS's runtime interface client, with the environment the example's local setup returned. It joins the demo's
 * functions, which are stopped at the end.
 */
export async function startFunction(
  example: ExampleName,
  env: Readonly<Record<string, string>>,
  demo: { readonly functions: DemoFunction[]; readonly mode: DemoRuntimeMode },
): Promise<DemoFunction> {
  const number = demo.functions.filter((each) => each.example === example).length + 1
  const runtime = await startLocalRuntime({
    handler: 'dist/handler.handler',
    cwd: join(examplesDir, example),
    functionName: example,
    env: { ...env, AWS_LAMBDA_FUNCTION_TIMEOUT: '10' },
    mode: demo.mode,
  })
  if (runtime.init.error !== undefined) {
    await runtime.stop()
    throw new Error(
      `${example} failed its init: ${runtime.init.error.errorType}: ${runtime.init.error.errorMessage}\n${runtime.init.logs.raw}`,
    )
  }
  const started = { example, label: `${example} #${number}`, runtime }
  demo.functions.push(started)
  return started
}
