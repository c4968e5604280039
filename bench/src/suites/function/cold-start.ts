import { createHash } from 'node:crypto'
import { events } from '@tsumiki/testing'
import { startLocalRuntime } from '@tsumiki/testing/runtime'
import { sqsBatch, summarize } from './cases.js'
import { apiKey, type ContenderName, type Environment, type FunctionName } from './environment.js'

/**
 * Cold starts through the local runtime (AWS's runtime interface client when built): a fresh process per sample,
 * its init duration (process start to the first request for work) and its first invocation's duration; in the
 * first round also the AWS requests of the cold, a warm and a duplicate invocation, counted at the endpoints.
 */

export interface ColdSample {
  readonly initMs: number
  readonly firstInvocationMs: number
}

export interface RequestCounts {
  readonly cold: string
  readonly warm: string
  readonly duplicate: string
}

export interface ColdResult {
  readonly mode: string
  readonly samples: readonly ColdSample[]
  readonly counts: RequestCounts | undefined
}

let sequence = 0
const orderEvent = (key: string) =>
  events.http('apiGatewayV2', {
    method: 'POST',
    path: '/orders',
    headers: { 'x-api-key': apiKey, 'idempotency-key': key },
    body: { sku: 'tea', qty: 2 },
  })

function firstEvent(fn: FunctionName, key: string): unknown {
  return fn === 'http' ? orderEvent(key) : sqsBatch(key)
}

/** Requests per operation between two snapshots, as `4: PutItem ×2, UpdateItem, GetParameter`. */
function describeDifference(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): string {
  const parts: string[] = []
  let total = 0
  for (const [operation, count] of after) {
    const difference = count - (before.get(operation) ?? 0)
    if (difference <= 0) continue
    total += difference
    parts.push(difference > 1 ? `${operation} ×${difference}` : operation)
  }
  return total === 0 ? '0' : `${total}: ${parts.join(', ')}`
}

const awsOperations = [
  'GetParameter',
  'GetParameters',
  'GetParametersByPath',
  'GetSecretValue',
  'BatchGetSecretValue',
  'DescribeSecret',
] as const

function snapshot(environment: Environment): Map<string, number> {
  const counts = new Map(environment.dynamoCalls)
  for (const operation of awsOperations) {
    const count = environment.aws.calls(operation as never)
    if (count > 0) counts.set(operation, count)
  }
  return counts
}

export async function coldSample(
  environment: Environment,
  fn: FunctionName,
  contender: ContenderName,
  bundleDir: string,
  countRequests: boolean,
  nodePath: string | undefined,
): Promise<{ sample: ColdSample; mode: string; counts: RequestCounts | undefined }> {
  const key = `cold-${process.pid}-${++sequence}-${createHash('sha1').update(contender).digest('hex').slice(0, 6)}`
  const beforeStart = snapshot(environment)
  const runtime = await startLocalRuntime({
    handler: `${fn}-${contender}.handler`,
    cwd: bundleDir,
    env: { ...environment.envFor(contender), NODE_NO_WARNINGS: '1' },
    functionName: `${fn}-${contender}`,
    memorySizeMb: 1024,
    ...(nodePath === undefined ? {} : { nodePath }),
  })
  try {
    if (runtime.init.error !== undefined)
      throw new Error(`${fn}-${contender}: init failed: ${runtime.init.error.errorMessage}`)
    const first = await runtime.invoke(firstEvent(fn, key))
    if (first.error !== undefined) throw new Error(`${fn}-${contender}: ${first.error.errorMessage}`)
    const expected = fn === 'http' ? 'status 201' : 'failures: 6'
    if (summarize(first.result) !== expected)
      throw new Error(`${fn}-${contender}: cold invocation answered ${summarize(first.result)}`)
    const sample = { initMs: runtime.init.durationMs, firstInvocationMs: first.durationMs }
    if (!countRequests) return { sample, mode: runtime.mode, counts: undefined }
    const afterCold = snapshot(environment)
    const warmKey = `${key}-warm`
    await runtime.invoke(firstEvent(fn, warmKey))
    const afterWarm = snapshot(environment)
    const duplicate = await runtime.invoke(firstEvent(fn, warmKey))
    if (summarize(duplicate.result) !== expected)
      throw new Error(`${fn}-${contender}: duplicate answered ${summarize(duplicate.result)}`)
    const afterDuplicate = snapshot(environment)
    return {
      sample,
      mode: runtime.mode,
      counts: {
        cold: describeDifference(beforeStart, afterCold),
        warm: describeDifference(afterCold, afterWarm),
        duplicate: describeDifference(afterWarm, afterDuplicate),
      },
    }
  } finally {
    await runtime.stop()
  }
}
