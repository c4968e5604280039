import { writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { invocationsOf, summarize, type WarmCase } from './cases.js'

/**
 * One contender, one case, in a process of its own: loads the contender's bundle, calls it warm-up times, then
 * measures wall and CPU time (user + system, `process.cpuUsage()`) over the measured calls, one after another,
 * in five rounds: the median round is reported.
 */
export interface WarmJob {
  readonly bundleFile: string
  readonly warmCase: WarmCase
  readonly warmupCalls: number
  readonly calls: number
  readonly resultFile: string
}

export interface WarmResult {
  readonly wallNsPerCall: number
  readonly cpuNsPerCall: number
  /** The first and the last answer, summarized: the parent checks them. */
  readonly firstAnswer: string
  readonly lastAnswer: string
}

const job = JSON.parse(process.env.TSUMIKI_FUNCTION_WARM_JOB ?? '{}') as WarmJob
const module = (await import(pathToFileURL(job.bundleFile).href)) as {
  handler: (event: unknown, context: unknown) => Promise<unknown>
}
const next = invocationsOf(job.warmCase, `${process.pid}-${Date.now()}`)
let n = 0
const call = async () => {
  const { event, context } = next(n++)
  return module.handler(event, context)
}
const firstAnswer = summarize(await call())
for (let index = 1; index < job.warmupCalls; index++) await call()
// The measured calls in five rounds; the median round is kept, so one burst of load on the machine counts once.
const rounds = 5
const perRound = Math.max(1, Math.round(job.calls / rounds))
const cpuPerCall: number[] = []
const wallPerCall: number[] = []
let last: unknown
for (let round = 0; round < rounds; round++) {
  const cpuBefore = process.cpuUsage()
  const wallBefore = process.hrtime.bigint()
  for (let index = 0; index < perRound; index++) last = await call()
  wallPerCall.push(Number(process.hrtime.bigint() - wallBefore) / perRound)
  const cpu = process.cpuUsage(cpuBefore)
  cpuPerCall.push(((cpu.user + cpu.system) * 1000) / perRound)
}
const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN
const result: WarmResult = {
  wallNsPerCall: middle(wallPerCall),
  cpuNsPerCall: middle(cpuPerCall),
  firstAnswer,
  lastAnswer: summarize(last),
}
writeFileSync(job.resultFile, JSON.stringify(result))
process.exit(0)
