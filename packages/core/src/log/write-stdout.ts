import { writeSync } from 'node:fs'

const stdoutFd = 1
/** How long a full pipe may hold a line before it is given up on: past this the process is better off without it. */
export const maxBlockedMs = 1000
const pauseMs = 1
// Atomics.wait is the only way to sleep synchronously; the buffer is a private one-element array, never shared.
const pauseCell = /* @__PURE__ */ new Int32Array(/* @__PURE__ */ new SharedArrayBuffer(4))

/**
 * What the writer carries from one line to the next while stdout is blocked: the unwritten end of a line the pipe
 * took only part of (it must go out before anything else, or the next line is glued to it), and how many lines
 * were dropped since the last line went out.
 */
interface Backlog {
  tail: Buffer | undefined
  droppedLines: number
}

// Global, like the log writer: every copy of core (ESM and CJS side by side, a bundled one) writes to the same fd 1,
// so all must finish the same unfinished line first.
const backlogKey = Symbol.for('tsumiki.stdout-backlog')
type GlobalWithBacklog = typeof globalThis & { [backlogKey]?: Backlog }

function backlog(): Backlog {
  const holder = globalThis as GlobalWithBacklog
  holder[backlogKey] ??= { tail: undefined, droppedLines: 0 }
  return holder[backlogKey]
}

/**
 * Writes one line to stdout synchronously, so a line logged before the handler returns is out before Lambda
 * freezes the process. Never throws. The one writer of fd 1 for every line tsumiki writes (core's and
 * `@tsumiki/logger`'s).
 *
 * When stdout is a pipe that Node set non-blocking (as it does once `process.stdout` is touched), a full pipe
 * answers EAGAIN; the write is retried after a 1 ms pause, for up to `maxBlockedMs` without progress. A line is
 * written whole or counted as dropped, never torn: a line the pipe took part of is finished first thing on the next
 * call (nothing else can be written before its end), and a line that could not start is dropped and counted.
 *
 * Once a wait has run out, the pipe is taken to be stalled: each later call tries once, without waiting, so a
 * stalled reader does not cost every log line a second. As soon as that try moves anything, the reader is back and
 * the call gets the full wait again: it finishes the unfinished line, however long, then one WARN line saying how
 * many lines were dropped, then its own line.
 */
export function writeStdoutLine(line: string): void {
  try {
    writeLineTo(stdoutFd, line, backlog())
  } catch {}
}

/** The wait one call may spend on a full pipe: none while stalled, until a write moves. */
interface Attempt {
  budgetMs: number
}

function writeLineTo(fd: number, line: string, state: Backlog): void {
  const stalled = state.tail !== undefined || state.droppedLines > 0
  let bytes: Buffer | undefined
  if (!stalled) {
    // The common case, a reader keeping up: the text goes as it is, with no Buffer made for it (Node encodes it while
    // writing; a line built by concatenation is flattened once). Only what a full pipe leaves over becomes one.
    let written = 0
    try {
      written = writeSync(fd, line)
    } catch {
      // EAGAIN before anything went out, or no reader: the whole line goes the patient way below.
    }
    if (written !== 0) {
      if (written >= Buffer.byteLength(line, 'utf8')) return
      bytes = Buffer.from(line, 'utf8').subarray(written)
    }
  }
  const attempt: Attempt = { budgetMs: stalled ? 0 : maxBlockedMs }
  if (state.tail !== undefined) {
    state.tail = writeWhole(fd, state.tail, attempt)
    if (state.tail !== undefined) {
      state.droppedLines++
      return
    }
  }
  if (state.droppedLines > 0) {
    const report = Buffer.from(droppedLinesReport(state.droppedLines), 'utf8')
    const rest = writeWhole(fd, report, attempt)
    if (rest === report) {
      state.droppedLines++
      return
    }
    // The report is out, or started: the lines it counts are told. This call's line waits behind its end.
    state.droppedLines = 0
    if (rest !== undefined) {
      state.tail = rest
      state.droppedLines = 1
      return
    }
  }
  if (bytes !== undefined) {
    // The end of a line the pipe took part of: it must go out whole before anything else.
    state.tail = writeWhole(fd, bytes, attempt)
    return
  }
  const whole = Buffer.from(line, 'utf8')
  const rest = writeWhole(fd, whole, attempt)
  if (rest === whole) state.droppedLines++
  else state.tail = rest
}

/**
 * Writes `bytes`, waiting out EAGAIN for up to the attempt's budget without progress; any progress gives the
 * attempt the full budget (the reader is there). Returns `undefined` when all went out, `bytes` itself when none did
 * (the line can be dropped cleanly), or the unwritten end of it when the pipe took only part. Any other error
 * (EPIPE, EBADF) counts as no progress: there is no reader to tear a line for.
 */
function writeWhole(fd: number, bytes: Buffer, attempt: Attempt): Buffer | undefined {
  let offset = 0
  let blockedMs = 0
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset)
      blockedMs = 0
      attempt.budgetMs = maxBlockedMs
    } catch (error) {
      if (!isAgain(error) || blockedMs >= attempt.budgetMs) {
        return offset === 0 ? bytes : bytes.subarray(offset)
      }
      Atomics.wait(pauseCell, 0, 0, pauseMs)
      blockedMs += pauseMs
    }
  }
  return undefined
}

function droppedLinesReport(droppedLines: number): string {
  return `${JSON.stringify({
    timestamp: new Date().toISOString(),
    level: 'WARN',
    message: `tsumiki dropped ${droppedLines} line(s): stdout was blocked for more than ${maxBlockedMs} ms`,
    dropped_lines: droppedLines,
  })}\n`
}

function isAgain(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EAGAIN'
}
