import { deepStrictEqual, strictEqual } from 'node:assert'
import { appendFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Row, RowResult } from '../harness.js'
import { formatNs, isMeasuringChild, runSuite } from '../harness.js'
import { type Contender, type Order, powertools, sdkAlone, tsumiki } from './idempotency/contenders.js'

/**
 * Idempotency per invocation: tsumiki's `makeIdempotent` against Powertools' `makeIdempotent` (2.35.0), each with a
 * real `@aws-sdk/client-dynamodb` client whose `requestHandler` is the same in-process DynamoDB, so the time is
 * the library plus the SDK calls it makes, with no emulator or network.
 */

const suiteName = 'idempotency'

const description = [
  "tsumiki `makeIdempotent(fn, { table, client, key: (o) => o.id, expiresAfterMs })` against Powertools'",
  "`makeIdempotent(fn, { persistenceStore: new DynamoDBPersistenceLayer({ awsSdkV3Client }), config: { eventKeyJmesPath: 'id' } })`",
  '(2.35.0). Both clients are real `DynamoDBClient`s (SigV4 signing, middleware stack, JSON protocol) whose',
  '`requestHandler` is one in-process DynamoDB (`idempotency/in-memory-dynamodb.ts`: PutItem, UpdateItem, GetItem,',
  'DeleteItem from a Map, with real condition and update expressions, `ALL_OLD` on condition failures). Each contender',
  'runs in its own process. The core logic returns a small order object.',
  '',
  '- _first sight_: a new key every call (claim + complete).',
  '- _completed duplicate_: the same key every call, its record COMPLETED (one failed conditional put, old item returned).',
  '- _local-cache hit_: the same key, both libraries with their in-memory cache on.',
  '- _floor_: the same SDK requests through the same kind of client with no library; neither library goes below it.',
  '- _floor_: the same SDK requests through the same kind of client with no library: neither library can go below it.',
].join('\n')

let sequence = 0
const freshOrder = (): Order => ({ id: `order-${++sequence}`, sku: 'tea', qty: 2 })
const repeatedOrder: Order = { id: 'order-repeated', sku: 'tea', qty: 2 }

/** Made once per process, in the same order every time (the harness's rule for isolated suites). */
const contenders = {
  tsumiki: tsumiki(false),
  powertools: powertools(false),
  tsumikiCached: tsumiki(true),
  powertoolsCached: powertools(true),
  floorFirstSight: sdkAlone(true),
  floorDuplicate: sdkAlone(false),
}

async function primed(contender: Contender): Promise<Contender> {
  await contender.call(repeatedOrder)
  return contender
}

/** Requests each contender makes per call, counted on its in-process DynamoDB. */
async function requestsPerCall(contender: Contender, order: () => Order): Promise<string> {
  const before = contender.dynamo.requestCount()
  const beforeByOperation = new Map(contender.dynamo.requests)
  await contender.call(order())
  const after = contender.dynamo.requestCount()
  const operations = [...contender.dynamo.requests]
    .map(([name, count]) => [name, count - (beforeByOperation.get(name) ?? 0)] as const)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => (count > 1 ? `${name} ×${count}` : name))
  return `${after - before}${operations.length > 0 ? ` (${operations.join(', ')})` : ''}`
}

async function run(): Promise<RowResult[]> {
  for (const contender of Object.values(contenders)) await primed(contender)
  if (!isMeasuringChild()) {
    // Both answer a duplicate with the first call's result, and run first sights.
    for (const contender of [
      contenders.tsumiki,
      contenders.powertools,
      contenders.tsumikiCached,
      contenders.powertoolsCached,
    ]) {
      deepStrictEqual(await contender.call(repeatedOrder), {
        orderId: 'order-repeated',
        status: 'placed',
        lines: [{ sku: 'tea', qty: 2 }],
      })
      strictEqual(((await contender.call(freshOrder())) as { status: string }).status, 'placed')
    }
  }
  const rows: Row[] = [
    {
      label: 'first sight (new key)',
      contenders: [
        { name: 'tsumiki makeIdempotent', fn: () => contenders.tsumiki.call(freshOrder()) },
        { name: 'Powertools makeIdempotent', fn: () => contenders.powertools.call(freshOrder()) },
        {
          name: 'floor: PutItem + UpdateItem, no library',
          fn: () => contenders.floorFirstSight.call(freshOrder()),
        },
      ],
    },
    {
      label: 'completed duplicate (ALL_OLD)',
      contenders: [
        { name: 'tsumiki makeIdempotent', fn: () => contenders.tsumiki.call(repeatedOrder) },
        { name: 'Powertools makeIdempotent', fn: () => contenders.powertools.call(repeatedOrder) },
        {
          name: 'floor: failed PutItem, no library',
          fn: () => contenders.floorDuplicate.call(repeatedOrder),
        },
      ],
    },
    {
      label: 'local-cache hit',
      contenders: [
        {
          name: 'tsumiki makeIdempotent, localCache',
          fn: () => contenders.tsumikiCached.call(repeatedOrder),
        },
        {
          name: 'Powertools makeIdempotent, useLocalCache',
          fn: () => contenders.powertoolsCached.call(repeatedOrder),
        },
      ],
    },
  ]
  const results = await runSuite(suiteName, description, rows, { isolate: true, processes: 3 })

  const counts = [
    [
      'first sight',
      () => requestsPerCall(contenders.tsumiki, freshOrder),
      () => requestsPerCall(contenders.powertools, freshOrder),
    ],
    [
      'completed duplicate (ALL_OLD)',
      () => requestsPerCall(contenders.tsumiki, () => repeatedOrder),
      () => requestsPerCall(contenders.powertools, () => repeatedOrder),
    ],
    [
      'local-cache hit',
      () => requestsPerCall(contenders.tsumikiCached, () => repeatedOrder),
      () => requestsPerCall(contenders.powertoolsCached, () => repeatedOrder),
    ],
  ] as const
  const overheadLines = [
    '',
    '### Library cost over the SDK floor',
    '',
    'Time per call minus the floor row (the same SDK requests made with no library): what each library adds.',
    '',
    '| case | tsumiki | Powertools | tsumiki ÷ Powertools |',
    '|---|---:|---:|---:|',
  ]
  for (const row of results.slice(0, 2)) {
    const [ours, theirs, floor] = row.results
    if (ours === undefined || theirs === undefined || floor === undefined) continue
    const ourCost = Math.max(0, ours.meanNs - floor.meanNs)
    const theirCost = Math.max(0, theirs.meanNs - floor.meanNs)
    overheadLines.push(
      `| ${row.label} | ${formatNs(ourCost)} | ${formatNs(theirCost)} | ${theirCost > 0 ? (ourCost / theirCost).toFixed(2) : 'n/a'}× |`,
    )
  }
  const lines = [
    ...overheadLines,
    '',
    '### DynamoDB requests per call',
    '',
    '| case | tsumiki | Powertools |',
    '|---|---|---|',
  ]
  for (const [label, ours, theirs] of counts) lines.push(`| ${label} | ${await ours()} | ${await theirs()} |`)
  const table = lines.join('\n')
  console.log(table)
  const resultsFile = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'results', `${suiteName}.md`)
  appendFileSync(resultsFile, `${table}\n`)
  return results
}

export default { name: suiteName, run }
