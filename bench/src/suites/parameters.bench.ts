import { appendFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AppConfigProvider } from '@aws-lambda-powertools/parameters/appconfig'
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm'
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata'
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm'
import middy from '@middy/core'
import middySsm from '@middy/ssm'
import { lambda, raw } from '@tsumiki/core'
import { appConfig, createParameterStore, flagsOf, parameters, ssm } from '@tsumiki/parameters'
import { createContext, startLocalAws } from '@tsumiki/testing'
import type { Context } from 'aws-lambda'
import { formatNs, isMeasuringChild, runSuite } from '../harness.js'

/*
 * @tsumiki/parameters against Powertools' SSMProvider.getParametersByName (@aws-lambda-powertools/parameters
 * 2.35.0) and @middy/ssm 7.9.2, all reading the same 25 SSM names through the real @aws-sdk/client-ssm from one
 * local endpoint (startLocalAws) that answers every request after 20 ms. Each contender runs in a process of its
 * own, with its own endpoint.
 *
 * - cold: a fetch of all 25 names with nothing cached (a new store / provider, or Middy with cacheExpiry 0). The
 *   floor is one 20 ms round trip: the 3 GetParameters calls sent in parallel.
 * - warm: one whole invocation with every value cached; the baseline is a bare async handler.
 * - AppConfig (Powertools' AppConfigProvider from the same package): a cold fetch of one feature-flag
 *   configuration through the real @aws-sdk/client-appconfigdata (StartConfigurationSession, then
 *   GetLatestConfiguration: two round trips, one after the other, for both), and the cost of one flag check warm:
 *   tsumiki evaluates a multi-variant flag's rules in memory; Powertools has no flag evaluation, so its row is a
 *   cached get() and reading the flag's `enabled`.
 */

const here = dirname(fileURLToPath(import.meta.url))
const resultsFile = join(here, '..', '..', 'results', 'parameters.md')
const latencyMs = 20
const count = 25
const names = Array.from({ length: count }, (_, index) => `/bench/p${String(index).padStart(2, '0')}`)
const flagsTarget = { application: 'bench', environment: 'prod', profile: 'flags' }
/** A flags document with one plain flag and one multi-variant flag: a rule on a plan, then a 10 % split. */
const flagsDocument = {
  version: '1',
  flags: { 'new-checkout': { name: 'New checkout' }, pricing: { name: 'Pricing' } },
  values: {
    'new-checkout': { enabled: true },
    pricing: {
      _variants: [
        { name: 'Pro', enabled: true, rule: '(eq $plan "pro")', attributeValues: { discount: 10 } },
        {
          name: 'Sample',
          enabled: true,
          rule: '(split pct::10 by::$userId)',
          attributeValues: { discount: 5 },
        },
        { name: 'Default', enabled: false, attributeValues: { discount: 0 } },
      ],
    },
  },
}

async function run(): Promise<void> {
  const aws = await startLocalAws({
    parameters: Object.fromEntries(names.map((name) => [name, `value of ${name}`])),
    configurations: [{ ...flagsTarget, content: flagsDocument }],
  })
  aws.inject({ latencyMs })
  const clientConfig = { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials }
  const client = new SSMClient(clientConfig)
  const appConfigClient = new AppConfigDataClient(clientConfig)
  // @middy/ssm types the context with the values it sets on it.
  const context = createContext({ remainingMs: 15 * 60_000 }) as Context & Record<string, unknown>
  const event = {}

  const definitions = Object.fromEntries(names.map((name, index) => [`p${index}`, ssm(name)]))
  const byName = Object.fromEntries(names.map((name) => [name, {}]))
  const fetchData = Object.fromEntries(names.map((name, index) => [`p${index}`, name]))

  // No library: what the SDK and the endpoint cost on this machine. One call is the real floor of a cold fetch.
  const chunks = [names.slice(0, 10), names.slice(10, 20), names.slice(20)]
  const bareParallel = () =>
    Promise.all(chunks.map((Names) => client.send(new GetParametersCommand({ Names, WithDecryption: true }))))
  const bareOneCall = () => client.send(new GetParametersCommand({ Names: chunks[0], WithDecryption: true }))
  const tsumikiCold = () => createParameterStore(definitions, { ssmClient: client }).getAll()
  const powertoolsCold = () => new SSMProvider({ awsSdkV3Client: client }).getParametersByName(byName)
  const middyCold = middy(async (_event: unknown, handlerContext: Context) => middyValue(handlerContext)).use(
    middySsm({
      fetchData,
      cacheExpiry: 0,
      setToContext: true,
      disablePrefetch: true,
      awsClientOptions: clientConfig,
    }),
  )

  const tsumikiWarm = lambda(raw<unknown, unknown>())
    .use(parameters(definitions, { ssmClient: client }))
    .handle(({ params }) => params.p0)
  const powertoolsProvider = new SSMProvider({ awsSdkV3Client: client })
  const powertoolsWarm = async () =>
    (await powertoolsProvider.getParametersByName(byName, { maxAge: 300 }))[names[0] as string]
  const middyWarm = middy(async (_event: unknown, handlerContext: Context) => middyValue(handlerContext)).use(
    middySsm({ fetchData, cacheExpiry: -1, setToContext: true, awsClientOptions: clientConfig }),
  )

  const flagDefinitions = { flags: flagsOf(appConfig(flagsTarget), { flags: ['new-checkout', 'pricing'] }) }
  const tsumikiAppConfigCold = () =>
    createParameterStore(flagDefinitions, { appConfigDataClient: appConfigClient }).getAll()
  const powertoolsAppConfigCold = () =>
    new AppConfigProvider({ ...flagsTarget, awsSdkV3Client: appConfigClient }).get(flagsTarget.profile, {
      transform: 'json',
    })
  const warmFlags = (
    await createParameterStore(flagDefinitions, { appConfigDataClient: appConfigClient }).getAll()
  ).flags
  const checkContext = { userId: 'user-42', plan: 'free' }
  const tsumikiCheck = async () => warmFlags.variant('pricing', checkContext).enabled
  const powertoolsAppConfig = new AppConfigProvider({ ...flagsTarget, awsSdkV3Client: appConfigClient })
  await powertoolsAppConfig.get(flagsTarget.profile, { transform: 'json', maxAge: 300 })
  const powertoolsCheck = async () => {
    const document = (await powertoolsAppConfig.get(flagsTarget.profile, {
      transform: 'json',
      maxAge: 300,
    })) as {
      values: Record<string, { enabled?: boolean }>
    }
    return document.values['new-checkout']?.enabled === true
  }

  if (!isMeasuringChild()) {
    // Every contender reads the same 25 values before any is timed.
    const expected = `value of ${names[0]}`
    const tsumikiValues = await tsumikiCold()
    const powertoolsValues = await powertoolsCold()
    const checks = [
      tsumikiValues.p0,
      powertoolsValues[names[0] as string],
      await middyCold(event, context),
      await tsumikiWarm(event, context),
      await powertoolsWarm(),
      await middyWarm(event, context),
    ]
    if (Object.keys(tsumikiValues).length !== count || Object.keys(powertoolsValues).length !== count) {
      throw new Error('a contender did not read all 25 names')
    }
    if (checks.some((value) => value !== expected))
      throw new Error(`contenders disagree: ${checks.join(', ')}`)
    if ((await tsumikiAppConfigCold()).flags.isEnabled('new-checkout') !== (await powertoolsCheck())) {
      throw new Error('the AppConfig contenders disagree on new-checkout')
    }
    aws.resetCalls()
    await tsumikiCold()
    console.log(
      `  parameters · tsumiki cold fetch: ${aws.calls('GetParameters')} GetParameters calls, ${aws.peakConcurrency('GetParameters')} at once`,
    )
    aws.resetCalls()
    await powertoolsCold()
    console.log(
      `  parameters · Powertools cold fetch: ${aws.calls('GetParameters')} GetParameters calls, ${aws.peakConcurrency('GetParameters')} at once`,
    )
    aws.resetCalls()
    await middyCold(event, context)
    console.log(
      `  parameters · Middy cold fetch: ${aws.calls('GetParameters')} GetParameters calls, ${aws.peakConcurrency('GetParameters')} at once`,
    )
  }

  const results = await runSuite(
    'parameters',
    `${count} SSM names through the real \`@aws-sdk/client-ssm\` (one client, made once, shared) from a local endpoint (\`startLocalAws\`) that answers each request after ${latencyMs} ms. _cold_: all ${count} read with nothing cached — \`createParameterStore(defs, { ssmClient }).getAll()\`, \`new SSMProvider({ awsSdkV3Client }).getParametersByName(names)\` (Powertools 2.35.0), and a Middy 7.9.2 invocation with \`@middy/ssm\` at \`cacheExpiry: 0\`; the floor is one ${latencyMs} ms round trip (3 GetParameters calls of 10, 10 and 5 names sent in parallel). _warm_: one whole invocation with every value in memory — \`lambda(raw()).use(parameters(defs))\`, Middy with \`@middy/ssm\` (\`cacheExpiry: -1\`, \`setToContext\`), and a handler calling Powertools \`getParametersByName(names, { maxAge: 300 })\`; the baseline is a bare async handler, so overhead is the library's per-invocation cost. Each contender is measured in processes of its own.`,
    [
      {
        label: `cold: ${count} names, ${latencyMs} ms per request`,
        contenders: [
          { name: 'tsumiki createParameterStore().getAll()', fn: tsumikiCold },
          { name: 'Powertools getParametersByName', fn: powertoolsCold },
          { name: 'Middy @middy/ssm (cacheExpiry 0)', fn: () => middyCold(event, context) },
          { name: 'no library: the 3 GetParameters calls in parallel', fn: bareParallel },
          { name: 'no library: one GetParameters call (the floor)', fn: bareOneCall },
        ],
      },
      {
        label: `warm: ${count} names cached, one invocation`,
        contenders: [
          { name: 'tsumiki parameters()', fn: () => tsumikiWarm(event, context) },
          { name: 'Powertools getParametersByName (cached)', fn: powertoolsWarm },
          { name: 'Middy @middy/ssm (cached)', fn: () => middyWarm(event, context) },
        ],
      },
      {
        label: `AppConfig cold: one flags configuration, ${latencyMs} ms per request`,
        contenders: [
          { name: 'tsumiki appConfig() + flagsOf(), getAll()', fn: tsumikiAppConfigCold },
          { name: 'Powertools AppConfigProvider.get()', fn: powertoolsAppConfigCold },
        ],
      },
      {
        label: 'AppConfig warm: one flag check',
        contenders: [
          { name: 'tsumiki flags.variant() (rule, then a 10 % split)', fn: tsumikiCheck },
          { name: 'Powertools get() (cached) and .enabled (no rules)', fn: powertoolsCheck },
        ],
      },
    ],
    { isolate: true, baseline: { name: 'bare async handler', fn: async () => 'value' } },
  )

  const cold = (results[0]?.results ?? []).slice(0, 3)
  const nominalFloorNs = latencyMs * 1e6
  const measuredFloorNs = results[0]?.results.at(-1)?.meanNs ?? Number.NaN
  const lines = [
    '',
    `Cold fetch against the floor — the endpoint's ${latencyMs} ms / one SDK call to it measured on this machine (${formatNs(measuredFloorNs)}: the SDK's and the local server's own time added): ${cold
      .map(
        (result) =>
          `${result.name} ${(result.meanNs / nominalFloorNs).toFixed(2)}× / ${(result.meanNs / measuredFloorNs).toFixed(2)}×`,
      )
      .join('; ')}.`,
    '',
  ]
  appendFileSync(resultsFile, lines.join('\n'))
  console.log(lines.join('\n'))
  client.destroy()
  appConfigClient.destroy()
  await aws.stop()
}

/** What @middy/ssm put on the context with `setToContext`. */
function middyValue(handlerContext: Context): unknown {
  return (handlerContext as Context & { p0?: string }).p0
}

export default { name: 'parameters', run }
