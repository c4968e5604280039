import { TsumikiError } from '../errors/tsumiki-error.js'

/**
 * A route template, API Gateway style: `/orders/{id}` has a parameter that matches one path segment,
 * `/files/{path+}` a greedy one that matches the rest of the path (one segment or more). A parameter is a whole
 * segment; a greedy one is the last.
 */
export type PathSegment =
  | { readonly kind: 'static'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string }
  | { readonly kind: 'greedy'; readonly name: string }

/**
 * The path parameters a template declares, each a `string`: `'/orders/{id}'` gives `{ readonly id: string }`.
 * A template only known as a `string` (built at run time) declares nothing TypeScript can see: any name, maybe
 * missing.
 */
export type PathParamsOf<Template extends string> = string extends Template
  ? Readonly<Record<string, string>>
  : Flatten<ParamsOf<Template>>

type ParamsOf<Template extends string> = Template extends `${infer Segment}/${infer Rest}`
  ? ParamOf<Segment> & ParamsOf<Rest>
  : ParamOf<Template>

type ParamOf<Segment extends string> = Segment extends `{${infer Name}+}`
  ? { readonly [Key in Name]: string }
  : Segment extends `{${infer Name}}`
    ? { readonly [Key in Name]: string }
    : {}

type Flatten<T> = { readonly [Key in keyof T]: T[Key] }

/**
 * The template itself when it is well formed, otherwise a sentence saying what is wrong, which TypeScript shows
 * as the expected type: `Argument of type '"/orders/{id"' is not assignable to parameter of type '"..."'`.
 * Checks what a literal type can tell (leading slash, braces, greedy last); parseTemplate checks the rest.
 */
export type CheckTemplate<Template extends string> = string extends Template
  ? Template
  : Template extends `/${infer Path}`
    ? CheckSegments<Path> extends true
      ? Template
      : CheckSegments<Path>
    : 'A route template starts with "/", e.g. "/orders/{id}"'

type CheckSegments<Path extends string> = Path extends `${infer Segment}/${infer Rest}`
  ? Segment extends `{${string}+}`
    ? 'A greedy parameter "{name+}" must be the last segment of a route template'
    : CheckSegment<Segment> extends true
      ? CheckSegments<Rest>
      : CheckSegment<Segment>
  : CheckSegment<Path>

type CheckSegment<Segment extends string> = Segment extends `{${infer Name}}`
  ? Name extends '' | '+' | `${string}{${string}` | `${string}}${string}`
    ? 'A path parameter needs a name without braces: "{name}" or "{name+}"'
    : true
  : Segment extends `${string}{${string}` | `${string}}${string}`
    ? 'A path parameter is a whole segment: "/files/{name}", not "/files/{name}.json"'
    : true

const paramName = /^[A-Za-z_$][\w$-]*$/

/** Reads a template into segments, or throws a `TsumikiError` (`INVALID_ROUTE`) saying what is wrong with it. */
export function parseTemplate(template: string): PathSegment[] {
  if (typeof template !== 'string' || !template.startsWith('/')) {
    throw invalidRoute(template, 'it must start with "/"')
  }
  const parts = template === '/' ? [] : template.slice(1).split('/')
  // One trailing slash is ignored, as it is on requests: "/orders/" is "/orders".
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  const names = new Set<string>()
  return parts.map((part, index) => {
    if (part === '') throw invalidRoute(template, 'it has an empty segment ("//")')
    if (!part.includes('{') && !part.includes('}')) return { kind: 'static', value: part }
    const greedy = part.endsWith('+}')
    const name = part.slice(1, greedy ? -2 : -1)
    if (!part.startsWith('{') || !part.endsWith('}') || !paramName.test(name)) {
      throw invalidRoute(
        template,
        `segment "${part}" is not a parameter: a parameter is a whole segment, "{name}" or "{name+}", its name a JavaScript identifier`,
      )
    }
    if (greedy && index !== parts.length - 1) {
      throw invalidRoute(template, `the greedy parameter "${part}" must be the last segment`)
    }
    if (names.has(name)) throw invalidRoute(template, `the parameter "${name}" appears twice`)
    names.add(name)
    return greedy ? { kind: 'greedy', name } : { kind: 'param', name }
  })
}

/** The template as written again from its segments: how two templates that match the same paths are compared. */
export function formatTemplate(segments: readonly PathSegment[]): string {
  if (segments.length === 0) return '/'
  return segments
    .map((segment) =>
      segment.kind === 'static'
        ? `/${segment.value}`
        : segment.kind === 'param'
          ? `/{${segment.name}}`
          : `/{${segment.name}+}`,
    )
    .join('')
}

function invalidRoute(template: unknown, reason: string): TsumikiError {
  return new TsumikiError('INVALID_ROUTE', `Route template ${JSON.stringify(template)} is invalid: ${reason}`)
}
