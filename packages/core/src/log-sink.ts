/** Takes one whole log line, a JSON text ending in `\n`. */
export type LogSink = (line: string) => void

// On globalThis under a registered symbol: the ESM and CJS builds of core (and of the logger) loaded side by side
// must see one sink, or a test would capture only the lines of the copy it imported.
const sinkKey = Symbol.for('tsumiki.log-sink')

interface SinkHolder {
  [sinkKey]?: LogSink | undefined
}

/**
 * Sends the lines tsumiki writes to stdout (the logger's default destination) to `sink` instead, until it is
 * set back to `undefined`. For tests: `captureLogs()` in `@tsumiki/testing` sets it. Returns the sink it replaced.
 */
export function setLogSink(sink: LogSink | undefined): LogSink | undefined {
  const holder = globalThis as SinkHolder
  const previous = holder[sinkKey]
  holder[sinkKey] = sink
  return previous
}

/** The sink set by `setLogSink`, or `undefined` when lines go to stdout. */
export function currentLogSink(): LogSink | undefined {
  return (globalThis as SinkHolder)[sinkKey]
}
