import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseLine } from '../support/capture.js'

/*
 * The default destination, for real: built code in a child process, its stdout a pipe read by this test.
 */

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const distEsm = join(packageDir, 'dist', 'index.js')
const distCjs = join(packageDir, 'dist', 'index.cjs')
// Core's built entry, as the logger's dist imports it (turbo builds core before the logger's tests).
const coreDistEsm = join(packageDir, '..', 'core', 'dist', 'index.js')
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

/*
 * A 1 MB line on a stalled 64 KB pipe: the pipe takes the first part, then the reader stalls past the writer's wait.
 * The line must not stay torn: the calls made while the reader is away are dropped (and counted), and the first call
 * made once it is back finishes the line, says how many were dropped, and writes its own line: nothing torn, nothing
 * lost uncounted. Both writers of stdout: the logger's lines and core's own (writeLogLine, with no logger).
 */
const writers = [
  [
    'the logger',
    `import { createLogger } from ${JSON.stringify(pathToFileURL(distEsm).href)}
const log = createLogger()
const write = (message, fields) => log.info(message, fields)`,
  ],
  [
    "core's writeLogLine",
    `import { writeLogLine } from ${JSON.stringify(pathToFileURL(coreDistEsm).href)}
const write = (message, fields) => writeLogLine('INFO', message, fields)`,
  ],
] as const

describe.each(writers)('%s on a pipe whose reader stalls in the middle of a 1 MB line', (name, setup) => {
  it('leaves no torn line: the first call after the reader is back finishes it, reports the drops and writes', async () => {
    const padding = 1_000_000
    const path = script(
      `stalled-${name.replace(/\W+/g, '-')}.mjs`,
      `${setup}
// Touching process.stdout makes Node switch the pipe to non-blocking mode: a full pipe then answers EAGAIN.
process.stdout
write('big', { padding: 'x'.repeat(${padding}) })
write('while stalled', { index: 0 })
write('while stalled', { index: 1 })
process.send('stalled')
process.on('message', (message) => {
  if (message === 'end') return process.disconnect()
  write('after', { index: 0 })
  process.send('wrote')
})
`,
    )
    const child = spawn(process.execPath, [path], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    const { stderr: childStderr } = child
    // A pipe of a child process is a socket: it counts the bytes it took from the pipe (bytesRead).
    const stdout = child.stdout as Socket | null
    if (stdout === null || childStderr === null) throw new Error('the child has no stdout or stderr pipe')
    // Nobody reads until the child has given up on the big line and dropped the two after it.
    stdout.pause()
    const chunks: Buffer[] = []
    let stderr = ''
    childStderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('message', (message) => {
      if (message === 'stalled') {
        // The reader is back once it has taken bytes from the pipe itself (bytesRead), not only from its own buffer:
        // then the pipe has room, and the child's next call is made.
        const readBefore = stdout.bytesRead
        let told = false
        stdout.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          if (!told && stdout.bytesRead > readBefore) {
            told = true
            child.send('go')
          }
        })
        stdout.resume()
      } else child.send('end')
    })
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const text = Buffer.concat(chunks).toString('utf8')
    // Every line is one whole JSON object, ending in a newline: a torn line, or one glued to the next, is not.
    const lines = text.split(/(?<=\n)/).map((line, index) => {
      const whole = line.endsWith('\n') && isJsonObject(line)
      expect(
        whole,
        `line ${index} (${line.length} bytes) is torn: ${line.slice(0, 60)}…${line.slice(-60)}`,
      ).toBe(true)
      return JSON.parse(line) as Record<string, unknown>
    })
    expect(lines.map((line) => line.message)).toEqual([
      'big',
      expect.stringMatching(/dropped 2 line/),
      'after',
    ])
    expect(lines[0]?.padding).toHaveLength(padding)
    expect(lines[1]).toMatchObject({ level: 'WARN', dropped_lines: 2 })
  }, 30_000)
})

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}
