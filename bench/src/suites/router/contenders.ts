import { Router } from '@aws-lambda-powertools/event-handler/http'
import middy from '@middy/core'
import httpRouterHandler from '@middy/http-router'
import { http, lambda, router } from '@tsumiki/core'
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda'
import { work } from '../engine/fixtures.js'

/**
 * One router per contender, each with `routeCount` routes `GET /resource{i}/{id}` (the last one is
 * `/widgets/{id}`, which the event asks for), and the same route body: read the `id` parameter, answer `work()`
 * as 200 JSON. Each contender answers in the shape its library gives: tsumiki and Powertools turn the returned
 * object into the response; a Middy route returns the response itself, JSON included.
 */

export type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>

const jsonContentType = 'application/json; charset=utf-8'

function templates(routeCount: number): string[] {
  return Array.from({ length: routeCount }, (_, index) =>
    index === routeCount - 1 ? '/widgets/{id}' : `/resource${index}/{id}`,
  )
}

function checkId(id: string | undefined): void {
  if (id !== '42') throw new Error(`the route read id ${id}`)
}

export function tsumikiRouter(routeCount: number): LambdaHandler {
  let routes = router()
  for (const template of templates(routeCount)) {
    routes = routes.get(template as '/widgets/{id}', (route) =>
      route.handle(({ pathParams }) => {
        checkId(pathParams.id)
        return work()
      }),
    )
  }
  return lambda(http()).handle(routes)
}

export function middyRouter(routeCount: number): LambdaHandler {
  const routes = templates(routeCount).map((path) => ({
    method: 'GET' as const,
    path,
    handler: async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
      checkId(event.pathParameters?.id)
      return { statusCode: 200, headers: { 'content-type': jsonContentType }, body: JSON.stringify(work()) }
    },
  }))
  return middy(httpRouterHandler(routes as never)) as unknown as LambdaHandler
}

export function powertoolsRouter(routeCount: number): LambdaHandler {
  const app = new Router()
  for (const template of templates(routeCount)) {
    app.get(template.replace('{id}', ':id') as `/${string}`, async ({ params }) => {
      checkId(params.id)
      // HandlerResult is JSON; Powertools' route types want a JSON object type spelled with an index signature.
      return work() as unknown as Record<string, string>
    })
  }
  return (event, context) => app.resolve(event, context)
}

/** The baseline: the route body in a bare async handler that answers 200 JSON itself, no routing at all. */
export const bareHandler: LambdaHandler = async (event) => {
  checkId(event.pathParameters?.id)
  return { statusCode: 200, headers: { 'content-type': jsonContentType }, body: JSON.stringify(work()) }
}
