/** What core knows of an AWS SDK v3 client: it has a middleware stack, where instrumentation adds a step. */
export interface AwsClientWithStack {
  readonly middlewareStack: { readonly add: (...args: never[]) => unknown }
}

/** Instruments a client (adds a step to its middleware stack): @tsumiki/tracing registers one. */
export type AwsClientHook = (client: AwsClientWithStack) => void

interface Registry {
  readonly hooks: AwsClientHook[]
  /** The clients made so far, for a hook registered after them; weakly, so a client dropped is gone. */
  readonly clients: WeakRef<AwsClientWithStack>[]
}

// Global, so copies of core loaded side by side (ESM and CJS) share one list. Clients live as long as the process
// (they are made at cold start or on first use), so this is process state by nature, not per invocation.
const registryKey = Symbol.for('tsumiki.aws-client-hooks')

function registry(): Registry {
  const holder = globalThis as { [registryKey]?: Registry }
  holder[registryKey] ??= { hooks: [], clients: [] }
  return holder[registryKey]
}

/**
 * Called by tsumiki's packages on every AWS SDK client they make (parameters' SSM and Secrets Manager clients,
 * idempotency's DynamoDB client, the dead-letter SQS client), so a tracer can make its calls child spans through the
 * SDK's middleware stack. Without a hook it remembers the client weakly and returns it. Returns the client.
 */
export function awsClientMade<Client extends object>(client: Client): Client {
  if (!hasStack(client)) return client
  const { hooks, clients } = registry()
  clients.push(new WeakRef(client))
  for (const hook of hooks) hook(client)
  return client
}

/** Registers `hook` for every client tsumiki's packages make: those already made, and the ones to come. */
export function onAwsClientMade(hook: AwsClientHook): void {
  const state = registry()
  if (state.hooks.includes(hook)) return
  state.hooks.push(hook)
  let kept = 0
  for (const reference of state.clients) {
    const client = reference.deref()
    if (client === undefined) continue
    state.clients[kept++] = reference
    hook(client)
  }
  state.clients.length = kept
}

function hasStack(client: object): client is AwsClientWithStack {
  const stack = (client as { readonly middlewareStack?: { readonly add?: unknown } }).middlewareStack
  return typeof stack?.add === 'function'
}
