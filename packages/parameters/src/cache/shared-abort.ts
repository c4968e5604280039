/**
 * The abort signal of one fetch that several callers wait on: it aborts only when every caller's own signal has
 * aborted, so one invocation reaching its deadline does not cancel a read another invocation still needs. A
 * caller without a signal (init, a background refresh) keeps it alive to the end.
 */
export class SharedAbort {
  readonly #controller = new AbortController()
  readonly #cleanups: (() => void)[] = []
  #waiting = 0
  #unabortable = false

  get signal(): AbortSignal {
    return this.#controller.signal
  }

  join(signal: AbortSignal | undefined): void {
    if (signal === undefined) {
      this.#unabortable = true
      return
    }
    if (signal.aborted) return
    this.#waiting++
    const onAbort = () => {
      this.#waiting--
      if (this.#waiting === 0 && !this.#unabortable) this.#controller.abort(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
    this.#cleanups.push(() => signal.removeEventListener('abort', onAbort))
  }

  /** Lets go of the callers' signals once the fetch is over. */
  finish(): void {
    for (const cleanup of this.#cleanups) cleanup()
    this.#cleanups.length = 0
  }
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts (the promise runs on for others). */
export function untilAborted<Value>(
  promise: Promise<Value>,
  signal: AbortSignal | undefined,
): Promise<Value> {
  if (signal === undefined) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<Value>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}
