import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseLine } from './support/capture.js'

/*
 * The default destination, for real: built code in a child process, its stdout a pipe read by this test.
 */

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const distEsm = join(packageDir, 'dist', 'index.js')
const distCjs = join(packageDir, 'dist', 'index.cjs')
let scriptsDir = ''

function newestSourceMs(dir: string): number {
  return Math.max(
    ...readdirSync(dir).map((name) => {
      const path = join(dir, name)
      return statSync(path).isDirectory() ? newestSourceMs(path) : statSync(path).mtimeMs
    }),
  )
}

beforeAll(() => {
  const stale = (() => {
    try {
      return statSync(distEsm).mtimeMs < newestSourceMs(join(packageDir, 'src'))
    } catch {
      return true
    }
  })()
  if (stale) {
    const build = spawnSync('npx', ['tsup'], { cwd: packageDir, encoding: 'utf8' })
    if (build.status !== 0) throw new Error(`building dist failed: ${build.stderr}`)
  }
  scriptsDir = mkdtempSync(join(tmpdir(), 'tsumiki-logger-stdout-'))
}, 60_000)

afterAll(() => {
  if (scriptsDir !== '') rmSync(scriptsDir, { recursive: true, force: true })
})

function script(name: string, source: string): string {
  const path = join(scriptsDir, name)
  writeFileSync(path, source)
  return path
}

describe('the default destination', () => {
  it('writes each line to fd 1 before the call returns: a process killed right after loses nothing', () => {
    const path = script(
      'killed.mjs',
      `import { createLogger } from ${JSON.stringify(pathToFileURL(distEsm).href)}
const log = createLogger({ service: 'orders' }).forInvocation(
  { functionName: 'orders-api', functionVersion: '1', awsRequestId: 'req-1' },
  { coldStart: true, correlationId: 'corr-1' },
)
for (let index = 0; index < 3; index++) log.info('line', { index })
// SIGKILL: no exit handlers, no flush, as when Lambda freezes or stops the process.
process.kill(process.pid, 'SIGKILL')
`,
    )
    const child = spawnSync(process.execPath, [path], { encoding: 'utf8' })
    expect(child.signal).toBe('SIGKILL')
    const lines = child.stdout.split(/(?<=\n)/).map(parseLine)
    expect(lines.map((line) => line.index)).toEqual([0, 1, 2])
    expect(lines[0]).toMatchObject({ service: 'orders', function_request_id: 'req-1', cold_start: true })
    expect(child.stderr).toBe('')
  })

  it('works from CommonJS too', () => {
    const path = script(
      'require.cjs',
      `const { createLogger } = require(${JSON.stringify(distCjs)})
createLogger({ service: 'cjs' }).warn('from require')
`,
    )
    const child = spawnSync(process.execPath, [path], { encoding: 'utf8' })
    expect(child.status).toBe(0)
    expect(parseLine(child.stdout)).toMatchObject({ level: 'WARN', service: 'cjs', message: 'from require' })
  })

  it('waits out a full non-blocking pipe instead of dropping or throwing (EAGAIN)', async () => {
    const count = 3000
    const path = script(
      'flood.mjs',
      `import { createLogger } from ${JSON.stringify(pathToFileURL(distEsm).href)}
// Touching process.stdout makes Node switch the pipe to non-blocking mode: a full pipe then answers EAGAIN.
process.stdout
const log = createLogger()
const padding = 'x'.repeat(1000)
for (let index = 0; index < ${count}; index++) log.info('flood', { index, padding })
`,
    )
    const child = spawn(process.execPath, [path], { stdio: ['ignore', 'pipe', 'pipe'] })
    // Nobody reads for a while: ~3 MB against a 64 KB pipe.
    child.stdout.pause()
    const chunks: Buffer[] = []
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    setTimeout(() => {
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
      child.stdout.resume()
    }, 300)
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lines = Buffer.concat(chunks)
      .toString('utf8')
      .split(/(?<=\n)/)
      .map(parseLine)
    expect(lines).toHaveLength(count)
    expect(lines.every((line, index) => line.index === index)).toBe(true)
  }, 20_000)

  it('never tears a line on a stalled pipe: a line goes out whole or is dropped, and the drops are reported once', async () => {
    const stalledCount = 200
    const path = script(
      'stall.mjs',
      `import { createLogger } from ${JSON.stringify(pathToFileURL(distEsm).href)}
process.stdout
const log = createLogger()
// 10 KB lines: more than PIPE_BUF, so a non-blocking pipe with some room takes part of one.
const padding = 'x'.repeat(10_000)
for (let index = 0; index < ${stalledCount}; index++) log.info('stalled', { index, padding })
process.send('stalled')
let index = 0
process.on('message', (message) => {
  if (message === 'end') process.disconnect()
  else {
    log.info('later', { index: index++ })
    process.send('wrote')
  }
})
`,
    )
    const child = spawn(process.execPath, [path], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    const { stdout, stderr: childStderr } = child
    if (stdout === null || childStderr === null) throw new Error('the child has no stdout or stderr pipe')
    // Nobody reads until the child has written every stalled line: ~2 MB against a 64 KB pipe.
    stdout.pause()
    const chunks: Buffer[] = []
    let stderr = ''
    childStderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    // Then the reader is back, and the child writes one line at a time until one of them comes through.
    let laterWritten = 0
    let laterSeen = false
    child.on('message', (message) => {
      if (message === 'stalled') {
        stdout.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          laterSeen ||= chunk.includes('"message":"later"')
        })
        stdout.resume()
      } else laterWritten++
      child.send(laterSeen ? 'end' : 'go')
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const lines = Buffer.concat(chunks)
      .toString('utf8')
      .split(/(?<=\n)/)
      .map(parseLine)
    const stalled = lines.filter((line) => line.message === 'stalled')
    const later = lines.filter((line) => line.message === 'later')
    const reports = lines.filter((line) => typeof line.dropped_lines === 'number')
    expect(reports).toHaveLength(1)
    const report = reports[0] as (typeof lines)[number]
    expect(report).toMatchObject({ level: 'WARN', message: expect.stringMatching(/dropped \d+ line/) })
    expect(stalled.length).toBeGreaterThan(0)
    expect(later.length).toBeGreaterThan(0)
    // Nothing lost without being counted...
    expect(stalled.length + later.length + (report.dropped_lines as number)).toBe(stalledCount + laterWritten)
    // ...the report comes out first when the reader is back, and every line after it gets through.
    expect(lines.indexOf(report)).toBe(lines.indexOf(later[0] as (typeof lines)[number]) - 1)
    const firstLater = later[0]?.index as number
    expect(later.map((line) => line.index)).toEqual(later.map((_, offset) => firstLater + offset))
    expect(firstLater + later.length).toBe(laterWritten)
  }, 20_000)
})
