import { describeAwsCalls } from './aws-calls.js'
import { describeMetricsLine, isMetricsLine, readMetricsLine } from './metrics-line.js'
import type { Painter } from './painter.js'
import type { InvocationRecord, Step, StepReport } from './step.js'

// Keys every tsumiki log line carries: the timeline shows the rest.
const commonLogKeys = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'function_name',
  'function_arn',
  'function_memory_size',
  'function_request_id',
  'function_version',
  'correlation_id',
  'cold_start',
  'xray_trace_id',
  'sampling_rate',
])

const maxLineLength = 150

function clip(text: string, length = maxLineLength): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`
}

function logLine(line: Readonly<Record<string, unknown>>, paint: Painter): string {
  const level = String(line.level ?? 'LOG')
  const extra: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(line)) if (!commonLogKeys.has(key)) extra[key] = value
  const levelText = level.padEnd(5)
  const coloured =
    level === 'ERROR'
      ? paint.red(levelText)
      : level === 'WARN'
        ? paint.yellow(levelText)
        : paint.cyan(levelText)
  const rest = Object.keys(extra).length > 0 ? ` ${JSON.stringify(extra)}` : ''
  return `${coloured} ${clip(`${String(line.message ?? '')}${rest}`, 130)}`
}

function invocationLines(record: InvocationRecord, paint: Painter): string[] {
  const { invocation } = record
  const start = invocation.coldStart
    ? paint.yellow(`cold (init ${Math.round(invocation.initDurationMs ?? 0)} ms)`)
    : paint.green('warm')
  const lines = [
    `   ${paint.bold(record.request)}  →  ${record.functionLabel}, ${start}, ${Math.round(invocation.durationMs)} ms`,
    `     ${paint.dim('answer')} ${clip(record.answer, 140)}`,
  ]
  for (const line of invocation.logs.json) {
    lines.push(
      isMetricsLine(line)
        ? `     ${paint.dim('metric')} ${clip(describeMetricsLine(readMetricsLine(line)), 135)}`
        : `     ${paint.dim('log')}    ${logLine(line, paint)}`,
    )
  }
  return lines
}

/** Prints a step as it ends: what was sent, the answers, AWS calls, log lines and each expectation. */
export function stepLines(index: number, step: Step, report: StepReport, paint: Painter): string[] {
  const passed = report.checks.every((each) => each.held)
  const mark = passed ? paint.green('✓') : paint.red('✗')
  const lines = [``, `${mark} ${paint.bold(`${index}. ${step.title}`)}`, `   ${paint.dim(step.shows)}`]
  for (const record of report.invocations) lines.push(...invocationLines(record, paint))
  lines.push(`     ${paint.dim('AWS')}    ${describeAwsCalls(report.calls)}`)
  for (const each of report.checks) {
    lines.push(
      each.held
        ? `     ${paint.green('✓')} ${each.what}`
        : `     ${paint.red('✗')} ${each.what}${each.seen === undefined ? '' : paint.red(` — saw ${clip(each.seen, 100)}`)}`,
    )
  }
  return lines
}
