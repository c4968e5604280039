import type { Awaitable } from './awaitable.js'
import type { InvocationRequest } from './request.js'

/**
 * How a middleware hands over to the rest of the chain. It passes what it adds to the request (and nothing when it
 * adds nothing); the engine puts those fields on the request the inner layers and the handler receive. It returns
 * what the inner layers returned, or throws what they threw: `await` it to run code after them or to catch.
 */
export type Next<Added extends object> = [keyof Added] extends [never]
  ? () => unknown
  : (added: Added) => unknown

/**
 * An onion-style middleware. `Needs` is what it reads from the request (a chain whose request lacks it does not
 * compile); `Added` is what it puts there for the layers inside it; `State` is what its `init()` prepared.
 *
 * Fields only grow: a middleware adds new fields or narrows existing ones, never changes their type, so the type
 * every layer sees stays true before and after `next()`, and a middleware written for `HttpRequest` works anywhere
 * in an HTTP chain.
 */
export interface Middleware<
  Needs extends object = InvocationRequest,
  Added extends object = {},
  State = void,
> {
  /** Shows in errors and profiles. */
  readonly name: string
  /**
   * Cold-start work (SDK clients, prefetching configuration): started once when the handler is built at module
   * load, concurrently with the other middlewares' inits, and awaited by the first invocation. What it returns
   * reaches every `handle` call as `state`. A failed init fails the invocations that awaited it and is tried again
   * by the next one; a failure is never cached.
   */
  readonly init?: () => Awaitable<State>
  /** Runs for every request (every record, on batch sources). `state` is what `init()` returned. */
  readonly handle: (request: Needs, next: Next<Added>, state: State) => unknown
}

/**
 * The request type after a middleware added (or narrowed) fields. An intersection: kept shallow so `.d.ts` files
 * stay readable, and it gives `input` (see `ValidatedInput`) the union of every validator's parts.
 */
export type Extend<Request, Added> = [keyof Added] extends [never] ? Request : Request & Added

/**
 * The names of the fields `Added` would give another type than `Request` has: a middleware may only narrow.
 * `input` is the one field that merges rather than narrows: the engine adds each validator's parts to it.
 */
export type ChangedFields<Request, Added> = {
  [Field in keyof Added & keyof Request]: Field extends 'input'
    ? never
    : Added[Field] extends Request[Field]
      ? never
      : Field
}[keyof Added & keyof Request]

/**
 * What `.use()` asks of a middleware besides its `Needs`: that it changes the type of no field the request already
 * has. A middleware that does fails to compile with this property's name in the message, and the field's name.
 */
export type KeepsFieldTypes<Request, Added> = [ChangedFields<Request, Added>] extends [never]
  ? unknown
  : {
      readonly 'tsumiki: a middleware may add fields or narrow them, not change their type; it changes': ChangedFields<
        Request,
        Added
      >
    }

/**
 * What `.use()` takes on a chain whose request is `Request`: the middleware, when the request has everything it
 * `Needs`; else a message naming what is missing, as the parameter's whole type, so that it is the first line of the
 * compile error rather than the last of six. `Needs` is `never` only while TypeScript infers an argument that is a
 * generic call itself (`.use(idempotent({ key: (request) => ... }))`): the chain's request is then what the call's
 * request type is inferred from.
 */
export type Usable<Request extends object, Needs extends object, Added extends object, State> = [
  Needs,
] extends [never]
  ? Middleware<Request, Added, State> & KeepsFieldTypes<Request, Added>
  : [Request] extends [Needs]
    ? Middleware<Needs, Added, State> & KeepsFieldTypes<Request, Added>
    : UnmetNeeds<Request, Needs>

/** Why a request does not meet a middleware's needs, in one line: the fields it lacks, else those of another type. */
export type UnmetNeeds<Request, Needs> = [Exclude<keyof Needs, keyof Request>] extends [never]
  ? [MistypedFields<Request, Needs>] extends [never]
    ? "tsumiki: this chain's request is not what the middleware needs"
    : `tsumiki: this middleware needs ${FieldList<MistypedFields<Request, Needs>>} of another type than the chain's request has`
  : `tsumiki: this middleware needs ${FieldList<Exclude<keyof Needs, keyof Request>>}, which no earlier .use() adds`

type MistypedFields<Request, Needs> = {
  [Field in keyof Needs & keyof Request]-?: Request[Field] extends Needs[Field] ? never : Field
}[keyof Needs & keyof Request]

/** `a`, `b`: the string names of a union of field names, in one text (one step per name, so shallow). */
type FieldList<Fields, Done extends string = ''> = [Fields] extends [never]
  ? Done
  : LastOf<Fields> extends infer Field
    ? FieldList<
        Exclude<Fields, Field>,
        Field extends string ? (Done extends '' ? `\`${Field}\`` : `\`${Field}\`, ${Done}`) : Done
      >
    : Done

type LastOf<Union> =
  UnionToIntersection<Union extends unknown ? (member: Union) => void : never> extends (
    member: infer Last,
  ) => void
    ? Last
    : never

type UnionToIntersection<Union> = (Union extends unknown ? (member: Union) => void : never) extends (
  member: infer Intersection,
) => void
  ? Intersection
  : never

/**
 * Declares a middleware with its types spelled once:
 * `middleware<HttpRequest, { user: User }>({ name: 'auth', handle: (req, next) => next({ user: ... }) })`.
 * With an `init()`, name its state too: `middleware<HttpRequest, { db: Db }, Pool>({ init, handle })`, or leave
 * all three to inference.
 */
export function middleware<Needs extends object = InvocationRequest, Added extends object = {}, State = void>(
  definition: Middleware<Needs, Added, State>,
): Middleware<Needs, Added, State> {
  return definition
}
