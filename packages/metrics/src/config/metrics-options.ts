import {
  anyOf,
  checkOptions,
  InvalidOptionError,
  listOf,
  type OptionRule,
  oneOf,
  optionRule,
  recordOf,
  trueOrFalse,
} from '@tsumiki/core'
import { checkDimensionName, checkDimensionValue, namespaceProblem } from '../emf/check-names.js'
import { maxDimensions } from '../emf/limits.js'

/** The packages' own metrics `operational` turns on, by group (see the README for each group's metrics). */
export const operationalGroups = ['batch', 'idempotency', 'parameters', 'http', 'deadline'] as const
export type OperationalGroup = (typeof operationalGroups)[number]

export interface MetricsOptions {
  /**
   * The CloudWatch namespace every metric goes to (`orders`, `Shop/Orders`). Default: `TSUMIKI_METRICS_NAMESPACE`,
   * else `POWERTOOLS_METRICS_NAMESPACE`; one of the three is required.
   */
  readonly namespace?: string | undefined
  /**
   * The `service` dimension of every metric. Default: `TSUMIKI_SERVICE_NAME`, else `POWERTOOLS_SERVICE_NAME`, else
   * `AWS_LAMBDA_FUNCTION_NAME` (as the logger's `service`); none when all are unset.
   */
  readonly service?: string | undefined
  /** Dimensions of every metric besides `service` (`{ environment: 'prod' }`); with it, at most 30. */
  readonly defaultDimensions?: Readonly<Record<string, string>> | undefined
  /**
   * Write a `ColdStart` metric (Count 1) once per execution environment, in the first invocation, under the default
   * dimensions and `function_name`, as Powertools does. Default false.
   */
  readonly coldStartMetric?: boolean | undefined
  /**
   * The `function_name` of the `ColdStart` metric. Default: `POWERTOOLS_METRICS_FUNCTION_NAME`, else the function's
   * name from the Lambda context.
   */
  readonly functionName?: string | undefined
  /** Log a warning when an invocation ends without any metric to write. Default false: nothing is written. */
  readonly warnWhenEmpty?: boolean | undefined
  /**
   * The toolkit's own metrics, counted from what the packages report while the invocation runs: `true` for every
   * group, or a list of them (`['batch', 'http']`). Default false.
   */
  readonly operational?: boolean | readonly OperationalGroup[] | undefined
}

/** The environment variables metrics reads, all optional; Powertools' names are read too. */
export const metricsEnv = {
  namespace: 'TSUMIKI_METRICS_NAMESPACE',
  powertoolsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
  serviceName: 'TSUMIKI_SERVICE_NAME',
  powertoolsServiceName: 'POWERTOOLS_SERVICE_NAME',
  functionName: 'AWS_LAMBDA_FUNCTION_NAME',
  powertoolsFunctionName: 'POWERTOOLS_METRICS_FUNCTION_NAME',
  /** `true` (or `1`) writes no metric at all: for local runs. */
  disabled: 'TSUMIKI_METRICS_DISABLED',
  powertoolsDisabled: 'POWERTOOLS_METRICS_DISABLED',
} as const

/** The options once checked and completed from the environment. */
export interface MetricsConfig {
  readonly namespace: string
  /** `service` first, then the other default dimensions. */
  readonly defaultDimensions: ReadonlyMap<string, string>
  readonly coldStartMetric: boolean
  /** From the options or the environment; else the Lambda context's, read per invocation. */
  readonly functionName: string | undefined
  readonly warnWhenEmpty: boolean
  readonly operational: ReadonlySet<OperationalGroup>
  readonly disabled: boolean
}

type Env = Readonly<Record<string, string | undefined>>

const namespaceRule: OptionRule = /* @__PURE__ */ optionRule(
  'a CloudWatch namespace: 1 to 255 of letters, digits, spaces and . - _ / # :, not starting with ":" or "AWS/"',
  (value) => namespaceProblem(value) === undefined,
)

const dimensionValue: OptionRule = /* @__PURE__ */ optionRule(
  'a dimension value: printable ASCII, 1 to 1024 characters, not only spaces',
  (value) => {
    try {
      checkDimensionValue('', value)
      return true
    } catch {
      return false
    }
  },
)

function metricsOptionRules(): { readonly [Name in keyof MetricsOptions]-?: OptionRule } {
  return {
    namespace: namespaceRule,
    service: dimensionValue,
    defaultDimensions: recordOf(dimensionValue),
    coldStartMetric: trueOrFalse,
    functionName: dimensionValue,
    warnWhenEmpty: trueOrFalse,
    operational: anyOf(trueOrFalse, listOf(oneOf(...operationalGroups))),
  }
}

/**
 * Checks the options (a mistake throws `InvalidOptionError` where the handler is built) and completes them from the
 * environment. A namespace, service or function name from the environment that CloudWatch would refuse throws too,
 * naming the variable: a metric that cannot land is not left to go missing.
 */
export function resolveMetricsConfig(
  where: string,
  options: MetricsOptions | undefined,
  env: Env = process.env,
): MetricsConfig {
  checkOptions<MetricsOptions>(where, options, metricsOptionRules())
  const given = options ?? {}
  const namespace = fromOptionOrEnv(where, 'namespace', given.namespace, env, [
    metricsEnv.namespace,
    metricsEnv.powertoolsNamespace,
  ])
  if (namespace === undefined) {
    throw new InvalidOptionError(
      where,
      'namespace',
      `given, or set in ${metricsEnv.namespace} or ${metricsEnv.powertoolsNamespace}`,
      undefined,
    )
  }
  const service = fromOptionOrEnv(where, 'service', given.service, env, [
    metricsEnv.serviceName,
    metricsEnv.powertoolsServiceName,
    metricsEnv.functionName,
  ])
  const defaultDimensions = new Map<string, string>()
  if (service !== undefined) defaultDimensions.set('service', service)
  for (const [name, value] of Object.entries(given.defaultDimensions ?? {})) {
    try {
      checkDimensionName(name)
    } catch (error) {
      throw new InvalidOptionError(where, `defaultDimensions.${name}`, (error as Error).message, value)
    }
    if (name === 'service' && service !== undefined) {
      throw new InvalidOptionError(where, 'defaultDimensions.service', 'left out: `service` names it', value)
    }
    defaultDimensions.set(name, value)
  }
  if (defaultDimensions.size > maxDimensions) {
    throw new InvalidOptionError(
      where,
      'defaultDimensions',
      `at most ${maxDimensions} dimensions, service included (CloudWatch's limit)`,
      given.defaultDimensions,
    )
  }
  const operational = given.operational ?? false
  return {
    namespace,
    defaultDimensions,
    coldStartMetric: given.coldStartMetric ?? false,
    functionName: fromOptionOrEnv(where, 'functionName', given.functionName, env, [
      metricsEnv.powertoolsFunctionName,
    ]),
    warnWhenEmpty: given.warnWhenEmpty ?? false,
    operational: new Set(operational === true ? operationalGroups : operational === false ? [] : operational),
    disabled: isTrue(env[metricsEnv.disabled]) || isTrue(env[metricsEnv.powertoolsDisabled]),
  }
}

const ruleOf = {
  namespace: namespaceRule,
  service: dimensionValue,
  functionName: dimensionValue,
} as const

/** The option when given, else the first of `variables` that is set, checked by the option's rule. */
function fromOptionOrEnv(
  where: string,
  option: keyof typeof ruleOf,
  given: string | undefined,
  env: Env,
  variables: readonly string[],
): string | undefined {
  if (given !== undefined) return given
  for (const variable of variables) {
    const value = env[variable]?.trim()
    if (value === undefined || value === '') continue
    const rule = ruleOf[option]
    if (!rule.test(value))
      throw new InvalidOptionError(where, option, `${rule.expected} (read from ${variable})`, value)
    return value
  }
  return undefined
}

function isTrue(value: string | undefined): boolean {
  const normalised = value?.trim().toLowerCase()
  return normalised === 'true' || normalised === '1'
}
