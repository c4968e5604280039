/*
 * A validator of Embedded Metric Format lines, written from the published specification ("Specification: Embedded
 * metric format", Amazon CloudWatch User Guide: its rules and its JSON schema) and from what the CloudWatch API
 * accepts of the metrics it extracts (`MetricDatum`, `Dimension`, `PutMetricData`). It shares no code with
 * @tsumiki/metrics: every EMF line the repository's tests produce (the package's, the examples', the demo's) is checked
 * against it, so the writer cannot agree with itself. Its own test is packages/metrics/test/emf/emf-validator.test.ts.
 *
 * Each rule below quotes or paraphrases the clause it checks.
 */

/** The units the specification's schema allows for `Unit` (its regular expression, as a list). */
const specUnits = new Set([
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None',
])

const twoWeeksMs = 14 * 24 * 60 * 60 * 1000
const twoHoursMs = 2 * 60 * 60 * 1000

export interface EmfDocument {
  readonly _aws: {
    readonly Timestamp: number
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string
      readonly Dimensions: readonly (readonly string[])[]
      readonly Metrics: readonly {
        readonly Name: string
        readonly Unit?: string
        readonly StorageResolution?: number
      }[]
    }[]
  }
  readonly [member: string]: unknown
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const onlyMembers = (
  problems: string[],
  where: string,
  value: Record<string, unknown>,
  allowed: string[],
) => {
  // "Unless otherwise noted, objects defined by this specification MUST NOT contain any additional members."
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key))
      problems.push(`${where} has a member the specification does not define: "${key}"`)
  }
}

/**
 * The keys of the root object, in order, duplicates included: `JSON.parse` keeps the last of two equal keys without a
 * word, and a line whose metric and dimension share a name would pass it.
 */
function rootKeys(text: string): string[] {
  const keys: string[] = []
  let depth = 0
  let index = 0
  while (index < text.length) {
    const char = text[index]
    if (char === '"') {
      let end = index + 1
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      const literal = text.slice(index, end + 1)
      let after = end + 1
      while (text[after] === ' ') after++
      if (depth === 1 && text[after] === ':') keys.push(JSON.parse(literal) as string)
      index = end + 1
      continue
    }
    if (char === '{' || char === '[') depth++
    else if (char === '}' || char === ']') depth--
    index++
  }
  return keys
}

/**
 * The problems of one line as written to stdout (the text ending in `\n`); an empty list when it is a valid EMF
 * document CloudWatch turns into metrics. `nowMs`: the time the line is checked at, for the timestamp's window.
 */
export function emfProblems(line: string, nowMs = Date.now()): string[] {
  const problems: string[] = []
  // A log event is one line: the writer ends it with one newline and holds no other.
  if (!line.endsWith('\n') || line.indexOf('\n') !== line.length - 1) {
    problems.push('the line is not one line ending in a newline')
  }
  // "The embedded metric format is subject to the same limits as standard CloudWatch Logs events and are limited to a
  // maximum size of 1 MB."
  if (Buffer.byteLength(line, 'utf8') > 1_048_576) problems.push('the line is over 1 MB')
  // "The LogEvent message MUST be a valid JSON object with no additional data at the beginning or end."
  const text = line.endsWith('\n') ? line.slice(0, -1) : line
  if (text.trim() !== text) problems.push('the line has data around its JSON object')
  let root: unknown
  try {
    root = JSON.parse(text)
  } catch (error) {
    return [...problems, `the line is not JSON: ${(error as Error).message}`]
  }
  if (!isObject(root)) return [...problems, 'the line is not a JSON object']
  const keys = rootKeys(text)
  const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index)
  if (duplicates.length > 0)
    problems.push(`the root has a member twice: ${[...new Set(duplicates)].join(', ')}`)

  // "Embedded metric format documents MUST contain the following top-level member on the root node ... _aws"
  const metadata = root._aws
  if (!isObject(metadata)) return [...problems, 'the root has no "_aws" object']
  onlyMembers(problems, '_aws', metadata, ['Timestamp', 'CloudWatchMetrics'])
  // "Timestamp — A number ... the number of milliseconds after Jan 1, 1970 00:00:00 UTC" (the schema: an integer,
  // required). CloudWatch takes metrics up to two weeks old and two hours ahead.
  const timestamp = metadata.Timestamp
  if (typeof timestamp !== 'number' || !Number.isInteger(timestamp)) {
    problems.push('_aws.Timestamp is not an integer number of milliseconds')
  } else if (timestamp < nowMs - twoWeeksMs || timestamp > nowMs + twoHoursMs) {
    problems.push('_aws.Timestamp is outside what CloudWatch accepts (two weeks back, two hours ahead)')
  }
  // "CloudWatchMetrics — An array of MetricDirective objects"
  const directives = metadata.CloudWatchMetrics
  if (!Array.isArray(directives) || directives.length === 0) {
    return [...problems, '_aws.CloudWatchMetrics is not a non-empty array of MetricDirective objects']
  }

  directives.forEach((directive: unknown, directiveIndex) => {
    const where = `CloudWatchMetrics[${directiveIndex}]`
    if (!isObject(directive)) {
      problems.push(`${where} is not an object`)
      return
    }
    // "MetricDirectives MUST contain the following members: Namespace, Dimensions, Metrics"
    onlyMembers(problems, where, directive, ['Namespace', 'Dimensions', 'Metrics'])
    const namespace = directive.Namespace
    // The schema: a string of 1 to 1024 characters; CloudWatch (PutMetricData): at most 255, not starting with ":",
    // and not in the AWS/ namespaces.
    if (typeof namespace !== 'string' || namespace.length === 0 || namespace.length > 255) {
      problems.push(`${where}.Namespace is not a string of 1 to 255 characters`)
    } else if (namespace.startsWith(':') || namespace.startsWith('AWS/')) {
      problems.push(`${where}.Namespace is one CloudWatch refuses: ${namespace}`)
    }

    // "Dimensions — A DimensionSet array" (the schema: at least one set)
    const sets = directive.Dimensions
    if (!Array.isArray(sets) || sets.length === 0) {
      problems.push(`${where}.Dimensions is not a non-empty array of DimensionSets`)
    } else {
      sets.forEach((set: unknown, setIndex) => {
        const at = `${where}.Dimensions[${setIndex}]`
        // "A DimensionSet MUST NOT contain more than 30 dimension keys. A DimensionSet MAY be empty."
        if (!Array.isArray(set)) {
          problems.push(`${at} is not an array of dimension keys`)
          return
        }
        if (set.length > 30) problems.push(`${at} has ${set.length} dimension keys, over 30`)
        if (new Set(set).size !== set.length) problems.push(`${at} names a dimension twice`)
        for (const key of set) {
          // The schema: DimensionReference, a string of 1 to 250 characters.
          if (typeof key !== 'string' || key.length === 0 || key.length > 250) {
            problems.push(
              `${at} has a key that is not a string of 1 to 250 characters: ${JSON.stringify(key)}`,
            )
            continue
          }
          // "The values within this array MUST also be members on the root-node". "The target member MUST have a
          // string value. This value MUST NOT contain more than 1024 characters." CloudWatch (Dimension): ASCII, no
          // control characters, at least one non-whitespace character, names not starting with ":".
          const value = root[key]
          if (!Object.hasOwn(root, key))
            problems.push(`${at} names "${key}", which is not a member of the root`)
          else if (typeof value !== 'string' || value.length === 0 || value.length > 1024) {
            problems.push(`dimension "${key}" is not a string of 1 to 1024 characters`)
          } else if (!/^[\x20-\x7e]+$/.test(value) || value.trim() === '') {
            problems.push(`dimension "${key}" has a value CloudWatch refuses: ${JSON.stringify(value)}`)
          }
          if (key.startsWith(':') || !/^[\x20-\x7e]+$/.test(key) || key.trim() === '') {
            problems.push(`dimension name "${key}" is one CloudWatch refuses`)
          }
        }
      })
    }

    // "Metrics — An array of MetricDefinition objects. This array MUST NOT contain more than 100 MetricDefinition
    // objects."
    const definitions = directive.Metrics
    if (!Array.isArray(definitions) || definitions.length === 0) {
      problems.push(`${where}.Metrics is not a non-empty array of MetricDefinitions`)
      return
    }
    if (definitions.length > 100)
      problems.push(`${where}.Metrics has ${definitions.length} definitions, over 100`)
    const names = new Set<string>()
    definitions.forEach((definition: unknown, definitionIndex) => {
      const at = `${where}.Metrics[${definitionIndex}]`
      if (!isObject(definition)) {
        problems.push(`${at} is not an object`)
        return
      }
      onlyMembers(problems, at, definition, ['Name', 'Unit', 'StorageResolution'])
      // "Name — A string Reference value to a metric Target member" (the schema: 1 to 1024 characters; CloudWatch's
      // MetricName: at most 255).
      const name = definition.Name
      if (typeof name !== 'string' || name.length === 0 || name.length > 255) {
        problems.push(`${at}.Name is not a string of 1 to 255 characters`)
        return
      }
      if (names.has(name)) problems.push(`${at} defines "${name}" a second time`)
      names.add(name)
      // "Unit — An OPTIONAL string value ... Values SHOULD be valid CloudWatch metric units" (the schema's list).
      if (Object.hasOwn(definition, 'Unit') && !specUnits.has(definition.Unit as string)) {
        problems.push(`${at}.Unit is not a CloudWatch unit: ${JSON.stringify(definition.Unit)}`)
      }
      // "StorageResolution — An OPTIONAL integer value ... Values SHOULD be valid CloudWatch supported resolutions, 1
      // or 60."
      if (
        Object.hasOwn(definition, 'StorageResolution') &&
        definition.StorageResolution !== 1 &&
        definition.StorageResolution !== 60
      ) {
        problems.push(
          `${at}.StorageResolution is not 1 or 60: ${JSON.stringify(definition.StorageResolution)}`,
        )
      }
      // "Metric targets MUST be either a numeric value or an array of numeric values." "Numeric array metric targets
      // MUST NOT have more than 100 members." "Valid targets MUST be members on the root node and cannot be nested."
      if (!Object.hasOwn(root, name)) {
        problems.push(`metric "${name}" is not a member of the root`)
        return
      }
      const target = root[name]
      if (Array.isArray(target)) {
        if (target.length === 0) problems.push(`metric "${name}" is an empty array`)
        if (target.length > 100) problems.push(`metric "${name}" has ${target.length} values, over 100`)
        if (!target.every((value) => typeof value === 'number')) {
          problems.push(`metric "${name}" has a value that is not a number`)
        }
      } else if (typeof target !== 'number') {
        problems.push(`metric "${name}" is neither a number nor an array of numbers`)
      }
    })
  })
  return problems
}

/** Whether a log line is an EMF document at all (has `_aws`), as opposed to an ordinary log line. */
export function isEmfLine(line: string): boolean {
  try {
    const parsed = JSON.parse(line) as unknown
    return isObject(parsed) && Object.hasOwn(parsed, '_aws')
  } catch {
    return false
  }
}

/** The document of a valid line; throws, naming every problem, for an invalid one. */
export function validEmf(line: string, nowMs = Date.now()): EmfDocument {
  const problems = emfProblems(line, nowMs)
  if (problems.length > 0) {
    throw new Error(`Not a valid EMF line:\n  - ${problems.join('\n  - ')}\n${line.slice(0, 2_000)}`)
  }
  return JSON.parse(line) as EmfDocument
}
