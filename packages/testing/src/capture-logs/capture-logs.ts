import { type LogWriter, setLogWriter } from '@tsumiki/core'

/** One parsed log line: the JSON object a tsumiki log line holds. */
export type LogLine = Readonly<Record<string, unknown>>

/** What `captureLogs()` has caught so far. */
export interface LogCapture {
  /** Every line caught, parsed, in order. Throws, naming the line, when one is not a single JSON object. */
  readonly lines: LogLine[]
  /**
   * The whole text caught, as written: every line, each ending in `\n`. A string, so that
   * `expect(logs.raw).not.toContain(secret)` looks inside the lines (on an array of lines it would only compare
   * whole lines, and pass).
   */
  readonly raw: string
  /** Forgets the lines caught so far and keeps capturing. */
  clear(): void
  /** Stops capturing: lines go where they went before. Stopping twice does nothing. */
  stop(): void
}

/**
 * Catches the lines tsumiki writes to stdout — the logger's default destination and core's own lines (an unhandled
 * error without a logger), both written with `fs.writeSync(1)` and so missed by a spy on `process.stdout.write` —
 * until `stop()`. Nothing reaches the
 * test output meanwhile. Captures nest: the latest one gets the lines, and each `stop()` gives them back to the
 * one before. A logger made with its own `write` option writes there, not here.
 */
export function captureLogs(): LogCapture {
  const written: string[] = []
  const writer: LogWriter = (line) => {
    written.push(line)
  }
  const restore = setLogWriter(writer)
  let stopped = false
  return {
    get lines(): LogLine[] {
      return written.map(parseLogLine)
    },
    get raw(): string {
      return written.join('')
    },
    clear() {
      written.length = 0
    },
    stop() {
      if (stopped) return
      stopped = true
      restore()
    },
  }
}

function parseLogLine(line: string, index: number): LogLine {
  let parsed: unknown
  try {
    parsed = JSON.parse(line)
  } catch {
    parsed = undefined
  }
  if (
    !line.endsWith('\n') ||
    line.indexOf('\n') !== line.length - 1 ||
    typeof parsed !== 'object' ||
    parsed === null ||
    Array.isArray(parsed)
  ) {
    throw new Error(`Log line ${index} is not one JSON object ending in a newline: ${JSON.stringify(line)}`)
  }
  return parsed as LogLine
}
