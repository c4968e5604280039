import type { LocalAws, LocalDynamo } from '@tsumiki/testing'
import type { LocalInvocation } from '@tsumiki/testing/runtime'
import type { AwsCalls } from './aws-calls.js'
import type { DemoFunction, DemoRuntimeMode } from './functions.js'

/** One invocation a step made, with what it cost. */
export interface InvocationRecord {
  /** Which function and which execution environment: `http-orders #1`. */
  readonly functionLabel: string
  /** What was sent: `POST /orders`, `SQS batch of 5`. */
  readonly request: string
  readonly invocation: LocalInvocation
  /** A short rendering of the answer: `201 {"id":…}`, `batchItemFailures: m-4`. */
  readonly answer: string
}

/** Something the step expected, and whether it held. */
export interface Check {
  readonly what: string
  readonly held: boolean
  /** What was seen instead, when it did not hold. */
  readonly seen?: string
}

export interface StepReport {
  readonly invocations: readonly InvocationRecord[]
  /** The AWS requests the step's invocations made, counted at the local services. */
  readonly calls: AwsCalls
  readonly checks: readonly Check[]
}

export interface Step {
  readonly title: string
  /** Why this step matters, in one line. */
  readonly shows: string
  run(): Promise<StepReport>
}

export const check = (what: string, held: boolean, seen?: unknown): Check =>
  held ? { what, held } : { what, held, seen: typeof seen === 'string' ? seen : JSON.stringify(seen) }

/** What a chapter of the story builds its steps on: the shared local services and the demo's functions. */
export interface StoryServices {
  readonly dynamo: LocalDynamo
  readonly aws: LocalAws
  readonly functions: DemoFunction[]
  readonly mode: DemoRuntimeMode
}

/** The steps of one example's part of the story. */
export type StoryChapter = (services: StoryServices) => Promise<Step[]>
