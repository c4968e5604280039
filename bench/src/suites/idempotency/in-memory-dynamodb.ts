import type { AttributeValue } from '@aws-sdk/client-dynamodb'

/**
 * A DynamoDB that lives in the SDK client: a `requestHandler` answering PutItem, UpdateItem, GetItem and DeleteItem
 * from a `Map`, with real condition and update expressions (the subset both libraries use). Both contenders' SDK
 * clients get one, so the measurement is the library plus the SDK, with no emulator, socket or network in it.
 */

type Item = Record<string, AttributeValue>

interface Operation {
  readonly TableName: string
  readonly Item?: Item
  readonly Key?: Item
  readonly ConditionExpression?: string
  readonly UpdateExpression?: string
  readonly ExpressionAttributeNames?: Record<string, string>
  readonly ExpressionAttributeValues?: Item
  readonly ReturnValuesOnConditionCheckFailure?: string
}

interface HttpRequestLike {
  readonly headers: Record<string, string>
  readonly body?: unknown
}

export interface InMemoryDynamoDb {
  /** Pass as the client's `requestHandler`. */
  readonly requestHandler: {
    handle(request: HttpRequestLike): Promise<{ response: unknown }>
  }
  /** Requests answered so far, by operation. */
  readonly requests: Map<string, number>
  /** Requests answered so far, all operations. */
  requestCount(): number
}

const jsonHeaders = { 'content-type': 'application/x-amz-json-1.0' }
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function inMemoryDynamoDb(keyAttribute = 'id'): InMemoryDynamoDb {
  const items = new Map<string, Item>()
  const requests = new Map<string, number>()
  const keyOf = (key: Item | undefined) => key?.[keyAttribute]?.S ?? ''

  const answer = (statusCode: number, body: object) => ({
    response: { statusCode, headers: { ...jsonHeaders }, body: encoder.encode(JSON.stringify(body)) },
  })
  const conditionFailed = (operation: Operation, existing: Item | undefined) =>
    answer(400, {
      __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
      message: 'The conditional request failed',
      ...(operation.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && existing !== undefined
        ? { Item: existing }
        : {}),
    })

  return {
    requests,
    requestCount: () => [...requests.values()].reduce((sum, count) => sum + count, 0),
    requestHandler: {
      async handle(request) {
        const target = request.headers['x-amz-target']?.split('.')[1] ?? ''
        requests.set(target, (requests.get(target) ?? 0) + 1)
        const operation = JSON.parse(
          typeof request.body === 'string' ? request.body : decoder.decode(request.body as Uint8Array),
        ) as Operation
        const id = keyOf(operation.Key ?? operation.Item)
        const existing = items.get(id)
        if (
          operation.ConditionExpression !== undefined &&
          !holds(operation.ConditionExpression, existing, operation)
        ) {
          return conditionFailed(operation, existing)
        }
        switch (target) {
          case 'PutItem':
            items.set(id, operation.Item ?? {})
            return answer(200, {})
          case 'GetItem':
            return answer(200, existing === undefined ? {} : { Item: existing })
          case 'DeleteItem':
            items.delete(id)
            return answer(200, {})
          case 'UpdateItem':
            items.set(id, applyUpdate(operation, existing ?? { ...operation.Key }))
            return answer(200, {})
          default:
            return answer(400, { __type: 'com.amazon.coral.validate#ValidationException', message: target })
        }
      },
    },
  }
}

// --- Expressions: attribute_exists / attribute_not_exists, = <> < <= > >=, AND, OR, NOT, parentheses. ---

function tokens(expression: string): string[] {
  return expression.match(/\(|\)|<>|<=|>=|=|<|>|,|[#:]?[A-Za-z_][A-Za-z0-9_]*/g) ?? []
}

function holds(expression: string, item: Item | undefined, operation: Operation): boolean {
  const list = tokens(expression)
  let at = 0
  const names = operation.ExpressionAttributeNames ?? {}
  const values = operation.ExpressionAttributeValues ?? {}
  const operand = (token: string): AttributeValue | undefined =>
    token.startsWith(':') ? values[token] : item?.[names[token] ?? token]
  const or = (): boolean => {
    let result = and()
    while (list[at] === 'OR') {
      at++
      result = and() || result
    }
    return result
  }
  const and = (): boolean => {
    let result = unary()
    while (list[at] === 'AND') {
      at++
      result = unary() && result
    }
    return result
  }
  const unary = (): boolean => {
    if (list[at] === 'NOT') {
      at++
      return !unary()
    }
    const token = list[at++] ?? ''
    if (token === '(') {
      const result = or()
      at++ // ')'
      return result
    }
    if (token === 'attribute_exists' || token === 'attribute_not_exists') {
      const name = list[at + 1] ?? ''
      at += 3
      const exists = item !== undefined && operand(name) !== undefined
      return token === 'attribute_exists' ? exists : !exists
    }
    const comparator = list[at++] ?? ''
    return compare(operand(token), comparator, operand(list[at++] ?? ''))
  }
  return or()
}

function compare(
  left: AttributeValue | undefined,
  comparator: string,
  right: AttributeValue | undefined,
): boolean {
  if (left === undefined || right === undefined) return comparator === '<>'
  const a: number | string = left.N !== undefined ? Number(left.N) : (left.S ?? '')
  const b: number | string = right.N !== undefined ? Number(right.N) : (right.S ?? '')
  switch (comparator) {
    case '=':
      return a === b
    case '<>':
      return a !== b
    case '<':
      return a < b
    case '<=':
      return a <= b
    case '>':
      return a > b
    default:
      return a >= b
  }
}

/** `SET #a = :a, #b = :b REMOVE #c`. */
function applyUpdate(operation: Operation, item: Item): Item {
  const names = operation.ExpressionAttributeNames ?? {}
  const values = operation.ExpressionAttributeValues ?? {}
  const updated: Item = { ...item }
  const expression = operation.UpdateExpression ?? ''
  const [setPart = '', removePart = ''] = expression.replace(/^\s*SET\s+/, '').split(/\s+REMOVE\s+/)
  for (const assignment of setPart.split(',')) {
    const [name = '', value = ''] = assignment.split('=').map((part) => part.trim())
    const given = values[value]
    if (given !== undefined) updated[names[name] ?? name] = given
  }
  for (const name of removePart.split(',').map((part) => part.trim())) {
    if (name !== '') delete updated[names[name] ?? name]
  }
  return updated
}
