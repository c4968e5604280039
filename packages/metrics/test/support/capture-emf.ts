import { captureLogs, type LogLine } from '@tsumiki/testing'
import { type EmfDocument, isEmfLine, validEmf } from '../../../../test/support/emf-validator.js'

/** What the tests read of the lines written while capturing. */
export interface EmfCapture {
  /** Every EMF line, each checked by the validator (a line that breaks the specification throws here). */
  readonly documents: EmfDocument[]
  /** The other lines: ordinary log lines. */
  readonly logLines: LogLine[]
  /** The text as written. */
  readonly raw: string
  clear(): void
  stop(): void
}

/** Captures every line tsumiki writes (core's one writer: the logs and the metrics alike). */
export function captureEmf(): EmfCapture {
  const logs = captureLogs()
  const lines = () =>
    logs.raw
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => `${line}\n`)
  return {
    get documents() {
      return lines()
        .filter(isEmfLine)
        .map((line) => validEmf(line))
    },
    get logLines() {
      return lines()
        .filter((line) => !isEmfLine(line))
        .map((line) => JSON.parse(line) as LogLine)
    },
    get raw() {
      return logs.raw
    },
    clear: () => logs.clear(),
    stop: () => logs.stop(),
  }
}

/** Every value of metric `name` over `documents`, in order. */
export function valuesOf(documents: readonly EmfDocument[], name: string): number[] {
  return documents.flatMap((document) => {
    if (!Object.hasOwn(document, name)) return []
    const target = document[name]
    return Array.isArray(target) ? (target as number[]) : [target as number]
  })
}

/** The metric names a document defines. */
export function metricNamesOf(document: EmfDocument): string[] {
  return document._aws.CloudWatchMetrics.flatMap((directive) =>
    directive.Metrics.map((metric) => metric.Name),
  )
}

/** The dimension set of a document's (only) directive. */
export function dimensionsOf(document: EmfDocument): readonly string[] {
  return document._aws.CloudWatchMetrics[0]?.Dimensions[0] ?? []
}
