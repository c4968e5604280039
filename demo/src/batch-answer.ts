import type { LocalInvocation } from '@tsumiki/testing/runtime'

interface BatchAnswer {
  readonly batchItemFailures?: readonly { readonly itemIdentifier: string }[]
}

/** The ids a batch function reported for retry (`batchItemFailures`), in its answer's order. */
export const failedIds = (invocation: LocalInvocation): string[] =>
  ((invocation.result ?? {}) as BatchAnswer).batchItemFailures?.map((each) => each.itemIdentifier) ?? []
