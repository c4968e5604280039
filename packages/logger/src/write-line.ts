import { logWriter } from '@tsumiki/core'

/**
 * The logger's default destination: stdout, through core's one writer of it (`writeStdoutLine`: synchronous, so a
 * line logged before the handler returns is out before Lambda freezes the process; a line is written whole or
 * counted as dropped on a full pipe, never torn, and core's own lines share its place in the queue). While a test
 * captures tsumiki's lines (`setLogWriter` in core, `captureLogs()` in `@tsumiki/testing`), they go there instead.
 * Never throws: a logger that crashes the function is worse than a lost line.
 */
export function writeLine(line: string): void {
  try {
    logWriter()(line)
  } catch {}
}
