import { writeLogLine } from '@tsumiki/core'
import { LocalRuntimeError } from '../../errors/local-runtime-error.js'
import { functionSettings } from './function-settings.js'
import { InProcessRuntime } from './in-process-runtime.js'
import type { LocalRuntime, LocalRuntimeOptions } from './local-runtime.js'
import { locateRuntimeClient } from './locate-runtime-client.js'
import { RicRuntime } from './ric-runtime.js'

let fallbackAnnounced = false

/**
 * Runs a built Lambda function locally the way Lambda runs it: a Runtime API on loopback, and the handler loaded
 * by AWS's runtime interface client (aws-lambda-ric) in a child process: init once (the cold start), then warm
 * invocations. Resolves once the init is over; read `runtime.init` for its duration, logs and error.
 *
 * Where aws-lambda-ric is not built, `mode: 'auto'` says so once (a WARN log line) and runs the handler in this process
 * instead, with the same API (`runtime.mode` tells which).
 */
export async function startLocalRuntime(options: LocalRuntimeOptions): Promise<LocalRuntime> {
  const settings = functionSettings(options)
  const mode = options.mode ?? 'auto'
  if (mode === 'in-process') return InProcessRuntime.start(settings, undefined)
  const location = locateRuntimeClient(options.runtimeClientDir)
  if ('entry' in location)
    return RicRuntime.start(settings, location.entry, options.nodePath ?? process.execPath)
  if (mode === 'ric') {
    throw new LocalRuntimeError(
      'RUNTIME_CLIENT_UNAVAILABLE',
      `Cannot run the runtime client: ${location.unavailable}.`,
    )
  }
  announceFallback(location.unavailable)
  return InProcessRuntime.start(settings, location.unavailable)
}

function announceFallback(reason: string): void {
  if (fallbackAnnounced) return
  fallbackAnnounced = true
  writeLogLine('WARN', 'startLocalRuntime(): running functions in process, not through the runtime client', {
    reason,
  })
}
