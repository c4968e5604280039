import { InvalidOptionError } from '../errors/invalid-option-error.js'

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

/**
 * Reads a template into segments, or throws an `InvalidOptionError` saying what is wrong with it: `where` is the
 * router method it was given to (`router.get()`), `option` the argument (`template`, a mount's `prefix`).
 */
export function parseTemplate(template: string, where = 'router()', option = 'template'): PathSegment[] {
  const invalid = (expected: string) => new InvalidOptionError(where, option, expected, template)
  if (typeof template !== 'string' || !template.startsWith('/')) throw invalid('a path starting with "/"')
  const parts = template === '/' ? [] : template.slice(1).split('/')
  // One trailing slash is ignored, as it is on requests: "/orders/" is "/orders".
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop()
  const names = new Set<string>()
  return parts.map((part, index) => {
    if (part === '') throw invalid('a path without an empty segment ("//")')
    if (!part.includes('{') && !part.includes('}')) return { kind: 'static', value: part }
    const greedy = part.endsWith('+}')
    const name = part.slice(1, greedy ? -2 : -1)
    if (!part.startsWith('{') || !part.endsWith('}') || !paramName.test(name)) {
      throw invalid(
        `a path whose parameters are whole segments, "{name}" or "{name+}", named as JavaScript identifiers ("${part}" is not one)`,
      )
    }
    if (greedy && index !== parts.length - 1) {
      throw invalid(`a path whose greedy parameter ("${part}") is its last segment`)
    }
    if (names.has(name)) throw invalid(`a path naming each parameter once ("${name}" appears twice)`)
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
