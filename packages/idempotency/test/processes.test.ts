import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { eventBridge, lambda } from '@tsumiki/core'
import { createContext, events, type LocalDynamo, startLocalDynamo } from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IdempotencyInProgressError, idempotent } from '../src/index.js'

const worker = fileURLToPath(new URL('./fixtures/worker.ts', import.meta.url))
const packageDir = fileURLToPath(new URL('..', import.meta.url))
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

function linesOf(child: ChildProcess): AsyncIterator<string> {
  let buffered = ''
  const lines: string[] = []
  const waiting: ((line: string) => void)[] = []
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8')
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end)
      buffered = buffered.slice(end + 1)
      const waiter = waiting.shift()
      if (waiter === undefined) lines.push(line)
      else waiter(line)
    }
  })
  return {
    next: () => {
      const line = lines.shift()
      return line === undefined
        ? new Promise((resolve) => waiting.push((next) => resolve({ value: next, done: false })))
        : Promise.resolve({ value: line, done: false })
    },
  }
}

const runsIn = (runLog: string) =>
  readFileSync(runLog, 'utf8')
    .split('\n')
    .filter((line) => line !== '')

describe('several processes against one DynamoDB', () => {
  it('100 concurrent invocations with one key over 4 processes run the core logic exactly once', async () => {
    const runLog = join(dir, 'race.log')
    writeFileSync(runLog, '')
    const workers = Array.from({ length: 4 }, () =>
      startWorker({ MODE: 'race', RUN_LOG: runLog, EVENT_ID: 'race-event', INVOCATIONS: '25' }),
    )
    const outputs = workers.map(linesOf)
    for (const output of outputs) expect((await output.next()).value).toBe('ready')
    for (const child of workers) child.stdin?.end('go\n')
    const outcomes = (
      await Promise.all(outputs.map(async (output) => JSON.parse((await output.next()).value) as object[]))
    ).flat()
    await Promise.all(workers.map((child) => (child.exitCode === null ? once(child, 'exit') : undefined)))

    const runs = runsIn(runLog)
    expect(runs).toHaveLength(1)
    expect(outcomes).toHaveLength(100)
    const results = outcomes.filter((outcome) => 'result' in outcome)
    const inProgress = outcomes.filter((outcome) => 'inProgress' in outcome)
    // Anything else (a timeout, a transport error) is named in the failure.
    expect(outcomes.filter((outcome) => 'error' in outcome)).toEqual([])
    expect(results.length + inProgress.length).toBe(100)
    expect(results.length).toBeGreaterThanOrEqual(1)
    // Every result, whichever process answered, is the one run's result.
    for (const outcome of results) expect(outcome).toEqual({ result: { ranIn: Number(runs[0]) } })
  }, 60_000)

  it('a process killed mid-run leaves an IN_PROGRESS claim that is retaken after its deadline', async () => {
    const runLog = join(dir, 'killed.log')
    writeFileSync(runLog, '')
    const child = startWorker({ MODE: 'hang', RUN_LOG: runLog, EVENT_ID: 'killed-event' })
    // Listened for from the start: a hung worker with nothing left on its event loop may exit on its own (Node 24
    // does) before the kill, and its claim is left behind just the same.
    const exited = once(child, 'exit')
    await expect.poll(() => runsIn(runLog), { timeout: 20_000, interval: 50 }).toHaveLength(1)
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
