import { format } from 'node:util'
import { setLogWriter } from '@tsumiki/core'
import { LineSplitter } from './log-lines.js'

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace'

const consoleLevels: Readonly<Record<ConsoleMethod, string>> = {
  log: 'INFO',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  debug: 'DEBUG',
  trace: 'TRACE',
}

/**
 * Sends what this process writes to stdout and stderr, what `console.*` prints and tsumiki's log lines to `onLine`
 * instead, until the returned function is called. `console.*` lines get the runtime client's prefix
 * (`<timestamp>\t<request id>\t<LEVEL>\t`), so a line reads the same in both modes.
 */
export function captureOutput(onLine: (line: string) => void, requestId: () => string): () => void {
  const captures = [process.stdout, process.stderr].map((stream) => {
    const splitter = new LineSplitter(onLine)
    const originalWrite = stream.write
    stream.write = ((chunk: Uint8Array | string, ...rest: unknown[]) => {
      splitter.write(chunk)
      const callback = rest.find((argument) => typeof argument === 'function') as (() => void) | undefined
      callback?.()
      return true
    }) as typeof stream.write
    return { stream, splitter, originalWrite }
  })
  // tsumiki's own lines bypass process.stdout (they are written synchronously to fd 1); its writer is global, so
  // this reaches the copy of @tsumiki/core bundled into the function too.
  const restoreLogWriter = setLogWriter((line) => {
    for (const text of line.replace(/\n$/, '').split('\n')) onLine(text)
  })
  const originalConsole = new Map<ConsoleMethod, (...args: unknown[]) => void>()
  for (const method of Object.keys(consoleLevels) as ConsoleMethod[]) {
    originalConsole.set(method, console[method])
    console[method] = (...args: unknown[]) => {
      const prefix = `${new Date().toISOString()}\t${requestId()}\t${consoleLevels[method]}\t`
      for (const line of format(...args).split('\n')) onLine(prefix + line)
    }
  }
  return () => {
    for (const { stream, splitter, originalWrite } of captures) {
      splitter.flush()
      stream.write = originalWrite
    }
    for (const [method, original] of originalConsole) console[method] = original
    restoreLogWriter()
  }
}
