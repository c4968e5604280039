import { writeSync } from 'node:fs'

const stdoutFd = 1
/** How long a full pipe may hold a line before it is dropped: past this the process is better off without it. */
export const maxBlockedMs = 1000
const pauseMs = 1
// Atomics.wait is the only way to sleep synchronously; the buffer is a private one-element array, never shared.
const pauseCell = new Int32Array(new SharedArrayBuffer(4))

/**
 * Writes one line to stdout synchronously, so a line logged before the handler returns is out before Lambda
 * freezes the process. Never throws: a logger that crashes the function is worse than a lost line.
 *
 * When stdout is a pipe that Node set non-blocking (as it does once `process.stdout` is touched), a full pipe
 * answers EAGAIN; the write is retried after a 1 ms pause, for up to `maxBlockedMs`. A partial write is finished.
 */
export function writeLine(line: string): void {
  try {
    const written = writeSync(stdoutFd, line)
    if (written === Buffer.byteLength(line, 'utf8')) return
    writeRest(Buffer.from(line, 'utf8'), written)
  } catch (error) {
    if (isAgain(error)) writeRest(Buffer.from(line, 'utf8'), 0)
  }
}

function writeRest(bytes: Buffer, alreadyWritten: number): void {
  let offset = alreadyWritten
  let blockedMs = 0
  while (offset < bytes.length) {
    try {
      offset += writeSync(stdoutFd, bytes, offset, bytes.length - offset)
      blockedMs = 0
    } catch (error) {
      if (!isAgain(error) || blockedMs >= maxBlockedMs) return
      Atomics.wait(pauseCell, 0, 0, pauseMs)
      blockedMs += pauseMs
    }
  }
}

function isAgain(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EAGAIN'
}
