import { startLocalAws, startLocalDynamo } from '@tsumiki/testing'
import type { DemoFunction, DemoRuntimeMode } from './functions.js'
import { httpOrdersSteps } from './http-orders-story.js'
import type { Painter } from './painter.js'
import { sqsWorkerSteps } from './sqs-worker-story.js'
import type { InvocationRecord, StepReport, StoryChapter } from './step.js'
import { streamProjectorSteps } from './stream-projector-story.js'
import { stepLines } from './timeline.js'

export interface DemoOptions {
  /** Where the story is printed, a line at a time. */
  readonly print: (line: string) => void
  readonly paint: Painter
  /** Default `auto`. */
  readonly mode?: DemoRuntimeMode
}

export interface DemoResult {
  readonly steps: number
  /** The titles of the steps that did not answer as expected. */
  readonly failed: readonly string[]
  /** Every invocation the story made, in order, with the lines it wrote. */
  readonly invocations: readonly InvocationRecord[]
}

const chapters: readonly StoryChapter[] = [httpOrdersSteps, sqsWorkerSteps, streamProjectorSteps]

/**
 * Starts a local DynamoDB and a local AWS endpoint (SSM, Secrets Manager, SQS), loads the example functions'
 * bundles under AWS's runtime interface client, plays the story and prints it. Everything is stopped at the end,
 * whatever happened.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { print, paint } = options
  const startedAtMs = performance.now()
  // Real DynamoDB returns the item a conditional write failed on; the local one is told to do the same.
  const dynamo = await startLocalDynamo({ returnOldItemOnConditionFailure: true })
  const aws = await startLocalAws()
  const functions: DemoFunction[] = []
  const failed: string[] = []
  const invocations: InvocationRecord[] = []
  let steps = 0
  try {
    print(
      paint.bold(
        'tsumiki demo: example functions under the Lambda runtime client, on a local DynamoDB and AWS endpoint',
      ),
    )
    print(paint.dim(`DynamoDB (dynalite) ${dynamo.endpoint} · SSM, Secrets Manager, SQS ${aws.endpoint}`))
    for (const chapter of chapters) {
      const chapterSteps = await chapter({ dynamo, aws, functions, mode: options.mode ?? 'auto' })
      for (const step of chapterSteps) {
        steps++
        let report: StepReport
        try {
          report = await step.run()
        } catch (error) {
          report = {
            invocations: [],
            calls: { dynamodb: {}, ssm: 0, secretsManager: 0, sqs: {} },
            checks: [
              {
                what: 'the step ran',
                held: false,
                seen: error instanceof Error ? (error.stack ?? error.message) : String(error),
              },
            ],
          }
        }
        invocations.push(...report.invocations)
        for (const line of stepLines(steps, step, report, paint)) print(line)
        if (!report.checks.every((each) => each.held)) failed.push(step.title)
      }
    }
    const mode = functions[0]?.runtime.mode
    print('')
    print(
      paint.dim(
        `functions ran ${mode === 'ric' ? 'under aws-lambda-ric (AWS’s runtime interface client), one child process per environment' : `in process (${functions[0]?.runtime.fallbackReason ?? 'runtime client unavailable'})`}`,
      ),
    )
    const seconds = ((performance.now() - startedAtMs) / 1000).toFixed(1)
    print(
      failed.length === 0
        ? paint.green(paint.bold(`✓ all ${steps} steps answered as expected (${seconds} s)`))
        : paint.red(
            paint.bold(
              `✗ ${failed.length} of ${steps} steps did not answer as expected: ${failed.join('; ')}`,
            ),
          ),
    )
  } finally {
    await Promise.allSettled(functions.map((each) => each.runtime.stop()))
    await Promise.allSettled([dynamo.stop(), aws.stop()])
  }
  return { steps, failed, invocations }
}
