import { STATUS_CODES } from 'node:http'
import type { ALBResult, APIGatewayProxyResult, APIGatewayProxyStructuredResultV2 } from 'aws-lambda'
import { writeLogLine } from '../../log/write-log-line.js'
import type { ResponseParts } from './response-parts.js'

/** REST API (payload 1.0): several `Set-Cookie` headers only fit in `multiValueHeaders`. */
export function toApiGatewayV1Result(parts: ResponseParts): APIGatewayProxyResult {
  return {
    statusCode: parts.status,
    headers: parts.headers,
    ...(parts.cookies.length > 0 ? { multiValueHeaders: { 'set-cookie': [...parts.cookies] } } : {}),
    body: parts.body ?? '',
    isBase64Encoded: parts.isBase64Encoded,
  }
}

/** HTTP API (payload 2.0) and Function URLs: cookies have a field of their own. */
export function toApiGatewayV2Result(parts: ResponseParts): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: parts.status,
    headers: parts.headers,
    ...(parts.cookies.length > 0 ? { cookies: [...parts.cookies] } : {}),
    ...(parts.body !== undefined ? { body: parts.body } : {}),
    isBase64Encoded: parts.isBase64Encoded,
  }
}

/**
 * ALB wants a status description, and answers must use multi-value headers exactly when the request did (the
 * target group's setting). With single-value headers only one `Set-Cookie` fits: ALB cannot send more.
 */
export function toAlbResult(parts: ResponseParts, multiValueHeaders: boolean): ALBResult {
  const statusDescription = `${parts.status} ${STATUS_CODES[parts.status] ?? ''}`.trim()
  const body = parts.body ?? ''
  if (multiValueHeaders) {
    const headers: Record<string, string[]> = {}
    for (const [name, value] of Object.entries(parts.headers)) headers[name] = [value]
    if (parts.cookies.length > 0) headers['set-cookie'] = [...parts.cookies]
    return {
      statusCode: parts.status,
      statusDescription,
      multiValueHeaders: headers,
      body,
      isBase64Encoded: parts.isBase64Encoded,
    }
  }
  const headers = { ...parts.headers }
  const firstCookie = parts.cookies[0]
  if (firstCookie !== undefined) {
    if (parts.cookies.length > 1) {
      writeLogLine(
        'WARN',
        'ALB without multi-value headers can send one Set-Cookie; the others were dropped. Turn on multi-value headers on the target group.',
        { cookies_dropped: parts.cookies.length - 1 },
      )
    }
    headers['set-cookie'] = firstCookie
  }
  return {
    statusCode: parts.status,
    statusDescription,
    headers,
    body,
    isBase64Encoded: parts.isBase64Encoded,
  }
}
