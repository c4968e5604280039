/** What one invocation (or the init) wrote to stdout and stderr. */
export interface FunctionLogs {
  /**
   * The whole text, as it arrived: every line, each ending in `\n`. A string, so that
   * `expect(logs.raw).not.toContain(secret)` looks inside the lines.
   */
  readonly raw: string
  /** Every line, in the order they arrived, without the trailing newline. */
  readonly lines: readonly string[]
  /**
   * The lines that carry a JSON object, parsed: a JSON line as structured loggers write it, or the JSON message of
   * a `console.*` line, which the runtime client prefixes with `<timestamp>\t<request id>\t<LEVEL>\t`.
   */
  readonly json: readonly Readonly<Record<string, unknown>>[]
}

/** Collects lines from chunks of output, which may split a line anywhere (even inside a UTF-8 character). */
export class LineCollector {
  readonly #raw: string[] = []
  readonly #json: Record<string, unknown>[] = []

  add(line: string): void {
    this.#raw.push(line)
    const parsed = parseLogLine(line)
    if (parsed) this.#json.push(parsed)
  }

  logs(): FunctionLogs {
    return functionLogs(this.#raw, this.#json)
  }
}

/** What an invocation that wrote nothing reports. */
export function noLogs(): FunctionLogs {
  return functionLogs([], [])
}

function functionLogs(
  lines: readonly string[],
  json: readonly Readonly<Record<string, unknown>>[],
): FunctionLogs {
  return { raw: lines.map((line) => `${line}\n`).join(''), lines: [...lines], json: [...json] }
}

/** Splits one output stream into lines and hands each complete line to `onLine`. */
export class LineSplitter {
  // Raw output is kept as written, a byte order mark included.
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  #partial = ''

  readonly #onLine: (line: string) => void

  constructor(onLine: (line: string) => void) {
    this.#onLine = onLine
  }

  write(chunk: Uint8Array | string): void {
    const text =
      this.#partial + (typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true }))
    const lines = text.split('\n')
    this.#partial = lines.pop() ?? ''
    for (const line of lines) this.#onLine(line)
  }

  /** Hands over a last line that has no newline yet, so it is not held back until the next write. */
  flush(): void {
    const rest = this.#partial + this.#decoder.decode()
    this.#partial = ''
    if (rest !== '') this.#onLine(rest)
  }
}

const consolePrefix = /^\S+\t\S+\t[A-Z]+\t/

export function parseLogLine(line: string): Record<string, unknown> | undefined {
  const trimmed = line.trim()
  const message = trimmed.startsWith('{') ? trimmed : trimmed.replace(consolePrefix, '')
  // The runtime client logs a failed invocation as `Invoke Error \t{...the error}`.
  const json = message.startsWith('{') ? message : message.slice(message.indexOf('\t{') + 1)
  if (!json.startsWith('{')) return undefined
  try {
    const value: unknown = JSON.parse(json)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
