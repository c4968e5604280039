import type { ErrorMapping } from './error-mapping.js'
import type { PathSegment } from './path-template.js'
import type { RouteChain } from './route-builder.js'

// What a router is made of: routes, mounted routers and error mappings, kept as data until the first request.

export interface DeclaredRoute {
  readonly method: string
  readonly segments: readonly PathSegment[]
  readonly chain: RouteChain
}

export interface RouterDefinition {
  readonly basePath: string
  readonly routes: readonly DeclaredRoute[]
  readonly mounts: readonly { readonly prefix: readonly PathSegment[]; readonly routes: RouterDefinition }[]
  readonly mappings: readonly ErrorMapping[]
}
