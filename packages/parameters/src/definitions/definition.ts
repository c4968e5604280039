import type { AppConfigTarget, Fetched } from '../transport/fetched.js'

/**
 * One thing to fetch (an SSM parameter, an SSM path, a secret, an AppConfig configuration) and how to turn it into
 * its value. Made by `ssm()`, `ssmPath()`, `secret()` and `appConfig()`; `Value` is what `request.params.<key>` holds.
 */
export interface ParameterDefinition<Value> {
  readonly source: 'ssm' | 'secret' | 'ssmPath' | 'appConfig'
  /** The parameter name, the path, or the secret id (name or ARN). */
  readonly name: string
  /** SSM: decrypt SecureStrings. */
  readonly decrypt: boolean
  /** ssmPath: include every level below the path. */
  readonly recursive: boolean
  /** appConfig: where the configuration lives. */
  readonly appConfig?: AppConfigTarget | undefined
  /** This value's own maximum age, over the store's. */
  readonly maxAgeMs: number | undefined
  /** Turns what was fetched into the value; rejects with a `ParameterError` when it does not fit. */
  readonly convert: (fetched: Fetched) => Promise<Value>
}

/** What `parameters()` and `createParameterStore()` take: definitions by the key they are read under. */
export type ParameterDefinitions = Readonly<Record<string, ParameterDefinition<unknown>>>

/** The values, typed by their definitions: `{ table: string, limits: Limits, ... }`. */
export type ParameterValues<Definitions extends ParameterDefinitions> = {
  readonly [Key in keyof Definitions]: Definitions[Key] extends ParameterDefinition<infer Value>
    ? Value
    : never
}

/** `request.params`: the values, and `refresh(key)` to read one afresh (after a rotation made a login fail). */
export type Params<Definitions extends ParameterDefinitions> = ParameterValues<Definitions> & {
  /**
   * Reads one value again now, whatever its age (concurrent calls share one read), stores it for later
   * invocations and resolves to it. `request.params` itself keeps the values this invocation started with.
   * Pass `{ signal: request.signal }` so the wait ends at the invocation's deadline.
   */
  readonly refresh: <Key extends keyof Definitions & string>(
    key: Key,
    options?: { readonly signal?: AbortSignal },
  ) => Promise<ParameterValues<Definitions>[Key]>
}
