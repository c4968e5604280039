import { InvalidMetricError } from '../errors/invalid-metric-error.js'
import {
  maxDimensionNameLength,
  maxDimensionValueLength,
  maxNameLength,
  maxNamespaceLength,
  maxValueMagnitude,
  minValueMagnitude,
} from './limits.js'
import { type MetricResolution, type MetricUnit, metricUnits } from './metric-unit.js'

/*
 * The checks made where a metric, a dimension or a metadata entry is added, so nothing reaches a line CloudWatch
 * would drop. Each names what it refused and why.
 */

// Control characters and anything past ASCII are what CloudWatch refuses in dimensions.
const printableAscii = /^[\x20-\x7e]+$/
const namespaceCharacters = /^[0-9A-Za-z._\-/#: ]+$/
const knownUnits: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(metricUnits)

/** The root member EMF keeps for itself: no metric, dimension or metadata may be named so. */
export const reservedMember = '_aws'

function shown(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
}

function hasNonWhitespace(text: string): boolean {
  return text.trim() !== ''
}

/** A metric's name: a string of 1 to 255 characters, not only spaces, not `_aws`. */
export function checkMetricName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    !hasNonWhitespace(name) ||
    name.length > maxNameLength ||
    name === reservedMember
  ) {
    throw new InvalidMetricError(
      `A metric name must be a string of 1 to ${maxNameLength} characters, not only spaces, and not "${reservedMember}"; got ${shown(name)}`,
    )
  }
  return name
}

export function checkUnit(name: string, unit: unknown): MetricUnit {
  if (typeof unit !== 'string' || !knownUnits.has(unit)) {
    throw new InvalidMetricError(
      `Metric "${name}": unit ${shown(unit)} is not a CloudWatch unit (${metricUnits.join(', ')})`,
    )
  }
  return unit as MetricUnit
}

export function checkResolution(name: string, resolution: unknown): MetricResolution {
  if (resolution !== 'standard' && resolution !== 'high') {
    throw new InvalidMetricError(
      `Metric "${name}": resolution must be 'standard' or 'high'; got ${shown(resolution)}`,
    )
  }
  return resolution
}

/** A finite number CloudWatch stores: 0, or a magnitude from 2^-360 to 2^360. */
export function checkValue(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidMetricError(`Metric "${name}": a value must be a finite number; got ${String(value)}`)
  }
  const magnitude = Math.abs(value)
  if (magnitude !== 0 && (magnitude > maxValueMagnitude || magnitude < minValueMagnitude)) {
    throw new InvalidMetricError(
      `Metric "${name}": ${value} is outside what CloudWatch stores (a magnitude from 2^-360 to 2^360, or 0)`,
    )
  }
  return value
}

/** A dimension's name: printable ASCII, 1 to 250 characters, not only spaces, not starting with `:`, not `_aws`. */
export function checkDimensionName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length > maxDimensionNameLength ||
    !printableAscii.test(name) ||
    !hasNonWhitespace(name) ||
    name.startsWith(':') ||
    name === reservedMember
  ) {
    throw new InvalidMetricError(
      `A dimension name must be printable ASCII, 1 to ${maxDimensionNameLength} characters, not only spaces, not starting with ":" and not "${reservedMember}"; got ${shown(name)}`,
    )
  }
  return name
}

/** A dimension's value: printable ASCII, 1 to 1024 characters, not only spaces. */
export function checkDimensionValue(name: string, value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length > maxDimensionValueLength ||
    !printableAscii.test(value) ||
    !hasNonWhitespace(value)
  ) {
    throw new InvalidMetricError(
      `Dimension "${name}": its value must be printable ASCII, 1 to ${maxDimensionValueLength} characters, not only spaces; got ${shown(value)}`,
    )
  }
  return value
}

/** A metadata key: a string with something in it, not `_aws`. */
export function checkMetadataKey(key: unknown): string {
  if (typeof key !== 'string' || !hasNonWhitespace(key) || key === reservedMember) {
    throw new InvalidMetricError(
      `A metadata key must be a string, not only spaces, and not "${reservedMember}"; got ${shown(key)}`,
    )
  }
  return key
}

/**
 * Why `namespace` is not a CloudWatch namespace, or undefined when it is one: 1 to 255 of letters, digits, spaces and
 * `. - _ / # :`, not only spaces, not starting with `:`, not in the `AWS/` namespaces CloudWatch keeps for AWS.
 */
export function namespaceProblem(namespace: unknown): string | undefined {
  if (typeof namespace !== 'string') return 'a string'
  if (
    namespace.length > maxNamespaceLength ||
    !namespaceCharacters.test(namespace) ||
    !hasNonWhitespace(namespace) ||
    namespace.startsWith(':')
  ) {
    return `1 to ${maxNamespaceLength} of letters, digits, spaces and . - _ / # :, not only spaces, not starting with ":"`
  }
  if (namespace.startsWith('AWS/')) return 'outside the AWS/ namespaces, which CloudWatch keeps for AWS'
  return undefined
}
