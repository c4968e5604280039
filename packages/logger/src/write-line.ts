import { writeSync } from 'node:fs'
import { capturedLogWriter } from '@tsumiki/core'
import { levelFragments } from './levels.js'
import { isoNow } from './timestamp.js'

const stdoutFd = 1
/** How long a full pipe may hold a line before it is dropped: past this the process is better off without it. */
export const maxBlockedMs = 1000
const pauseMs = 1
// Atomics.wait is the only way to sleep synchronously; the buffer is a private one-element array, never shared.
const pauseCell = /* @__PURE__ */ new Int32Array(/* @__PURE__ */ new SharedArrayBuffer(4))

/**
 * What the writer carries from one line to the next while stdout is blocked: the unwritten end of a line the
 * pipe took only part of (it must go out before anything else, or the next line is glued to it), and how many
 * lines were dropped since the last line went out.
 */
interface Backlog {
  tail: Buffer | undefined
  droppedLines: number
}

const backlog: Backlog = { tail: undefined, droppedLines: 0 }

/**
 * Writes one line to stdout synchronously, so a line logged before the handler returns is out before Lambda
 * freezes the process. Never throws: a logger that crashes the function is worse than a lost line.
 *
 * When stdout is a pipe that Node set non-blocking (as it does once `process.stdout` is touched), a full pipe
 * answers EAGAIN; the write is retried after a 1 ms pause, for up to `maxBlockedMs`. A line is written whole or
 * not at all: a line the pipe took part of is finished first thing on the next write, and a line that could not
 * start is dropped and counted. While stdout stays blocked, each later line gets one try, not another wait; the
 * first line written after that is preceded by one WARN line saying how many were dropped.
 *
 * While a test captures tsumiki's lines (`setLogWriter` in core, `captureLogs()` in `@tsumiki/testing`), they go
 * there instead.
 */
export function writeLine(line: string): void {
  try {
    const captured = capturedLogWriter()
    if (captured === undefined) writeLineTo(stdoutFd, line, backlog)
    else captured(line)
  } catch {}
}

function writeLineTo(fd: number, line: string, state: Backlog): void {
  const blocked = state.tail !== undefined || state.droppedLines > 0
  // A stall already waited out once: one try each, until the reader is back.
  const budgetMs = blocked ? 0 : maxBlockedMs
  if (state.tail !== undefined) {
    state.tail = writeWhole(fd, state.tail, budgetMs)
    if (state.tail !== undefined) {
      state.droppedLines++
      return
    }
  }
  if (state.droppedLines > 0) {
    const report = Buffer.from(droppedLinesReport(state.droppedLines), 'utf8')
    const rest = writeWhole(fd, report, budgetMs)
    if (rest === report) {
      state.droppedLines++
      return
    }
    state.droppedLines = 0
    state.tail = rest
    if (rest !== undefined) {
      state.droppedLines++
      return
    }
  }
  const bytes = Buffer.from(line, 'utf8')
  const rest = writeWhole(fd, bytes, budgetMs)
  if (rest === bytes) state.droppedLines++
  else state.tail = rest
}

/**
 * Writes `bytes`, waiting out EAGAIN for up to `budgetMs`. Returns `undefined` when all went out, `bytes` itself
 * when none did (the line can be dropped cleanly), or the unwritten end of it when the pipe took only part.
 * Any other error (EPIPE, EBADF) counts as nothing written: there is no reader to tear a line for.
 */
function writeWhole(fd: number, bytes: Buffer, budgetMs: number): Buffer | undefined {
  let offset = 0
  let blockedMs = 0
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset)
      blockedMs = 0
    } catch (error) {
      if (!isAgain(error) || blockedMs >= budgetMs) return offset === 0 ? bytes : bytes.subarray(offset)
      Atomics.wait(pauseCell, 0, 0, pauseMs)
      blockedMs += pauseMs
    }
  }
  return undefined
}

function droppedLinesReport(droppedLines: number): string {
  return `{"timestamp":"${isoNow()}${levelFragments.warn}"The logger dropped ${droppedLines} line(s): stdout was blocked for more than ${maxBlockedMs} ms","dropped_lines":${droppedLines}}\n`
}

function isAgain(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EAGAIN'
}
