import { type LocalAws, type LocalAwsOptions, startLocalAws } from '@tsumiki/testing'

/** A local endpoint, the client settings that reach it (no retries: a fault shows at once) and a test clock. */
export interface Setup {
  readonly aws: LocalAws
  readonly clientConfig: {
    readonly endpoint: string
    readonly region: string
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
    readonly maxAttempts: number
  }
  readonly clock: { nowMs: number; readonly now: () => number; advance(ms: number): void }
}

export async function startSetup(options: LocalAwsOptions): Promise<Setup> {
  const aws = await startLocalAws(options)
  const clock = {
    nowMs: Date.UTC(2026, 11, 2),
    now: () => clock.nowMs,
    advance(ms: number) {
      clock.nowMs += ms
    },
  }
  return {
    aws,
    clientConfig: {
      endpoint: aws.endpoint,
      region: aws.region,
      credentials: aws.credentials,
      maxAttempts: 1,
    },
    clock,
  }
}

/** Names `/cfg/p00` … of `count` parameters, and their definitions' values. */
export function manyParameters(prefix: string, count: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, index) => [
      `${prefix}/p${String(index).padStart(2, '0')}`,
      `value-${index}`,
    ]),
  )
}
