import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { eventBridge, lambda } from '@tsumiki/core'
import { createContext, events, type LocalDynamo, startLocalDynamo } from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IdempotencyInProgressError, idempotent } from '../../src/index.js'

const worker = fileURLToPath(new URL('../support/worker.ts', import.meta.url))
const packageDir = fileURLToPath(new URL('../..', import.meta.url))
const table = 'idempotency'

let local: LocalDynamo
let dir: string
const children: ChildProcess[] = []

beforeAll(async () => {
  local = await startLocalDynamo({ returnOldItemOnConditionFailure: true })
  await local.createIdempotencyTable(table)
  dir = mkdtempSync(join(tmpdir(), 'tsumiki-idempotency-'))
})

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  await local.stop()
  rmSync(dir, { recursive: true, force: true })
})

function startWorker(env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', worker], {
    cwd: packageDir,
    env: { ...process.env, ENDPOINT: local.endpoint, TABLE: table, ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  children.push(child)
  return child
}

/** What a race worker said: its outcomes, and any other line it wrote (tsumiki's log lines: none are expected). */
interface RaceWorker {
  readonly child: ChildProcess
  readonly ready: Promise<void>
  readonly outcomes: object[]
  readonly otherLines: string[]
  /** Called after every outcome. */
  onOutcome: () => void
}

function raceWorker(env: Record<string, string>): RaceWorker {
  const child = startWorker(env)
  let markReady!: () => void
  const worker: RaceWorker = {
    child,
    ready: new Promise((resolve) => {
      markReady = resolve
    }),
    outcomes: [],
    otherLines: [],
    onOutcome: () => {},
  }
  // A worker that died cannot take a command (EPIPE): how it ended is what the test reports, from its 'close'.
  child.stdin?.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
  let buffered = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end)
      buffered = buffered.slice(end + 1)
      if (line === 'ready') markReady()
      else if (line.startsWith('outcome ')) {
        worker.outcomes.push(JSON.parse(line.slice('outcome '.length)) as object)
        worker.onOutcome()
      } else worker.otherLines.push(line)
    }
  })
  return worker
}

/**
 * Resolves once the workers have reported `count` outcomes between them. A worker that ends before it reported all
 * of its own fails it at once, saying how it ended and what else it wrote, rather than leaving the test to time out.
 */
function untilOutcomes(workers: readonly RaceWorker[], count: number, perWorker: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (workers.reduce((sum, worker) => sum + worker.outcomes.length, 0) >= count) resolve()
    }
    for (const worker of workers) {
      worker.onOutcome = check
      worker.child.once('close', (code, signal) => {
        if (worker.outcomes.length >= perWorker) return
        reject(
          new Error(
            `worker ${worker.child.pid} ended (exit code ${code}, signal ${signal}) after ${worker.outcomes.length} of ` +
              `${perWorker} outcomes; its other stdout lines: ${JSON.stringify(worker.otherLines)}`,
          ),
        )
      })
    }
    check()
  })
}

/** Resolves when the worker writes `expected` as a line on stdout; rejects, saying how, if it ends first. */
function untilLine(child: ChildProcess, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) throw new Error('the worker has no stdout pipe')
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === expected) resolve()
    })
    child.once('close', (code, signal) =>
      reject(new Error(`worker ended (exit code ${code}, signal ${signal}) before it wrote ${expected}`)),
    )
  })
}

const runsIn = (runLog: string) =>
  readFileSync(runLog, 'utf8')
    .split('\n')
    .filter((line) => line !== '')

describe('several processes against one DynamoDB', () => {
  it('100 concurrent invocations with one key over 4 processes run the core logic exactly once', async () => {
    const runLog = join(dir, 'race.log')
    writeFileSync(runLog, '')
    const perWorker = 25
    const workers = Array.from({ length: 4 }, () =>
      raceWorker({ MODE: 'race', RUN_LOG: runLog, EVENT_ID: 'race-event', INVOCATIONS: String(perWorker) }),
    )
    const total = workers.length * perWorker
    await Promise.all(workers.map((worker) => worker.ready))
    for (const { child } of workers) child.stdin?.write('go\n')
    // Every invocation but the one running the core logic meets its claim, however the processes are scheduled...
    await untilOutcomes(workers, total - 1, perWorker)
    expect(runsIn(runLog)).toHaveLength(1)
    // ...and then the one that runs it finishes.
    for (const { child } of workers) child.stdin?.end('finish\n')
    await untilOutcomes(workers, total, perWorker)
    await Promise.all(workers.map(({ child }) => (child.exitCode === null ? once(child, 'exit') : undefined)))

    const runs = runsIn(runLog)
    expect(runs).toHaveLength(1)
    const outcomes = workers.flatMap((worker) => worker.outcomes)
    // Anything else (a timeout, a transport error, a log line) is named in the failure.
    expect(outcomes.filter((outcome) => 'error' in outcome)).toEqual([])
    expect(workers.flatMap((worker) => worker.otherLines)).toEqual([])
    expect(outcomes.filter((outcome) => 'inProgress' in outcome)).toHaveLength(total - 1)
    expect(outcomes.filter((outcome) => 'result' in outcome)).toEqual([
      { result: { ranIn: Number(runs[0]) } },
    ])
  }, 60_000)

  it('a process killed mid-run leaves an IN_PROGRESS claim that is retaken after its deadline', async () => {
    const runLog = join(dir, 'killed.log')
    writeFileSync(runLog, '')
    const child = startWorker({ MODE: 'hang', RUN_LOG: runLog, EVENT_ID: 'killed-event' })
    // Listened for from the start: a hung worker with nothing left on its event loop may exit on its own (Node 24
    // does) before the kill, and its claim is left behind just the same.
    const exited = once(child, 'exit')
    await untilLine(child, 'running')
    expect(runsIn(runLog)).toHaveLength(1)
    child.kill('SIGKILL')
    await exited

    let clockShiftMs = 0
    let runs = 0
    const handler = lambda(eventBridge())
      .use(
        idempotent({
          table,
          client: local.client(),
          expiresAfterMs: 600_000,
          clock: () => Date.now() + clockShiftMs,
        }),
      )
      .handle(() => ++runs)
    const event = events.eventBridge({ id: 'killed-event' })

    // Before the dead claim's deadline (20 s after it was taken) it still holds.
    await expect(handler(event, createContext())).rejects.toBeInstanceOf(IdempotencyInProgressError)
    clockShiftMs = 60_000
    expect(await handler(event, createContext())).toBe(1)
    expect(await handler(event, createContext())).toBe(1)
    expect(runs).toBe(1)
  }, 60_000)
})
