import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { z } from 'zod'

/**
 * What every contender's function shares: the body schema, the names of the parameters and the core logic (an
 * order written to and read from the orders table). Only the wiring around them differs.
 */

export const tableParameter = '/orders/table'
export const apiKeySecret = 'orders/api-key'
export const parametersMaxAgeMs = 300_000

export const OrderInput = z.object({
  sku: z.string().min(1),
  qty: z.number().int().positive(),
})
export type OrderInput = z.infer<typeof OrderInput>

export const ShipmentRequested = z.object({
  orderId: z.string().min(1),
  sku: z.string().min(1),
  qty: z.number().int().positive(),
})
export type ShipmentRequested = z.infer<typeof ShipmentRequested>

export interface Order {
  readonly id: string
  readonly sku: string
  readonly qty: number
}

/** Writes the order to the orders table: one PutItem. */
export async function saveOrder(
  client: DynamoDBClient,
  table: string,
  order: Order,
  abortSignal?: AbortSignal,
): Promise<Order> {
  await client.send(
    new PutItemCommand({
      TableName: table,
      Item: { id: { S: order.id }, sku: { S: order.sku }, qty: { N: String(order.qty) } },
    }),
    { abortSignal },
  )
  return order
}

/** Reads an order: one GetItem; undefined when there is none. */
export async function findOrder(
  client: DynamoDBClient,
  table: string,
  id: string,
  abortSignal?: AbortSignal,
): Promise<Order | undefined> {
  const { Item } = await client.send(new GetItemCommand({ TableName: table, Key: { id: { S: id } } }), {
    abortSignal,
  })
  if (Item === undefined) return undefined
  return { id: Item.id?.S ?? id, sku: Item.sku?.S ?? '', qty: Number(Item.qty?.N ?? 0) }
}

/** The orders table of the SQS function (it reads no parameters: its table comes from the environment). */
export function ordersTableFromEnv(): string {
  return process.env.ORDERS_TABLE ?? 'orders'
}

/** The idempotency table of each contender (one per contender, so their records never meet). */
export function idempotencyTableFromEnv(): string {
  return process.env.IDEMPOTENCY_TABLE ?? 'idempotency'
}
