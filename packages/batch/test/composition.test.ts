import { lambda, setLogWriter } from '@tsumiki/core'
import { logger } from '@tsumiki/logger'
import { createContext, events, invoke } from '@tsumiki/testing'
import { validate } from '@tsumiki/validation'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as z from 'zod'
import { dynamodbStreams, kinesis, sqs } from '../src/index.js'

// One batch through the whole chain: adapter → logger → validation → handler, with good records, a poison one (valid
// by the schema, the handler throws) and an invalid one (the schema refuses it).

const Order = z.object({ orderId: z.string(), qty: z.number().int().positive() })
type LogLine = Record<string, unknown>

let written: string[] = []
let restoreLogWriter: () => void = () => {}
beforeEach(() => {
  written = []
  restoreLogWriter = setLogWriter((line) => written.push(line))
})
afterEach(() => {
  restoreLogWriter()
  vi.restoreAllMocks()
})

/** What the adapters wrote themselves (no logger middleware involved), one parsed JSON object per line. */
function stderrLines(): LogLine[] {
  return written
    .join('')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine)
}

/** A `write` for the logger that keeps every line; each must be exactly one JSON object and a newline. */
function captureLog(): { write: (line: string) => void; lines: () => LogLine[] } {
  const raw: string[] = []
  return {
    write: (line) => {
      raw.push(line)
    },
    lines: () =>
      raw.map((line) => {
        expect(line.endsWith('\n')).toBe(true)
        expect(line.slice(0, -1)).not.toContain('\n')
        return JSON.parse(line) as LogLine
      }),
  }
}

const errorLines = (lines: LogLine[]) => lines.filter((line) => line.level === 'ERROR')
const warnings = (lines: LogLine[]) =>
  lines.filter((line) => line.level === 'WARN').map((line) => [line.level, line.records_not_run])
const issuePaths = (line: LogLine | undefined) =>
  ((line?.error as { issues?: { path: string }[] } | undefined)?.issues ?? []).map((issue) => issue.path)

describe('sqs() + logger() + validate(), standard queue', () => {
  it('reports exactly the poison and the invalid message, runs every good one once, and logs each failure once', async () => {
    const log = captureLog()
    const calls = new Map<string, number>()
    const charged: string[] = []
    const handler = lambda(sqs())
      .use(logger({ service: 'orders', write: log.write }))
      .use(validate({ body: Order }))
      .handle(({ input: { body }, messageId, log }) => {
        calls.set(messageId, (calls.get(messageId) ?? 0) + 1)
        log.info('charging', { orderId: body.orderId })
        if (body.orderId === 'poison') throw new Error('payment provider rejected the card')
        charged.push(body.orderId)
      })

    const event = events.sqs([
      { body: JSON.stringify({ orderId: 'o-1', qty: 1 }) },
      { body: JSON.stringify({ orderId: 'poison', qty: 2 }) },
      { body: JSON.stringify({ orderId: 'o-2', qty: 3 }) },
      { body: JSON.stringify({ orderId: 'o-3', qty: 0 }) }, // invalid: qty must be positive
      { body: JSON.stringify({ orderId: 'o-4', qty: 5 }) },
    ])
    const [good1, poison, good2, invalid, good3] = event.Records.map((record) => record.messageId) as [
      string,
      string,
      string,
      string,
      string,
    ]
    const context = createContext({ functionName: 'orders-worker' })

    const response = await invoke(handler, event, context)

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: poison }, { itemIdentifier: invalid }])
    expect(Object.fromEntries(calls)).toEqual({ [good1]: 1, [poison]: 1, [good2]: 1, [good3]: 1 })
    expect(calls.has(invalid)).toBe(false)
    expect(charged.sort()).toEqual(['o-1', 'o-2', 'o-4'])

    const lines = log.lines()
    // One handler line for each record the handler saw, one error line for each bad record, nothing else.
    expect(lines).toHaveLength(4 + 2)
    for (const line of lines) {
      expect(line).toMatchObject({ service: 'orders', function_request_id: context.awsRequestId })
    }
    const infos = lines.filter((line) => line.level === 'INFO')
    expect(infos.map((line) => line.message)).toEqual(['charging', 'charging', 'charging', 'charging'])
    expect(infos.map((line) => line.record_id).sort()).toEqual([good1, poison, good2, good3].sort())

    const errors = errorLines(lines)
    expect(errors).toHaveLength(2)
    const poisonLine = errors.find((line) => line.record_id === poison)
    const invalidLine = errors.find((line) => line.record_id === invalid)
    expect(poisonLine).toMatchObject({
      message: 'Record failed',
      function_request_id: context.awsRequestId,
      error: { name: 'Error', message: 'payment provider rejected the card' },
    })
    expect(invalidLine).toMatchObject({
      message: 'Record failed',
      function_request_id: context.awsRequestId,
      error: { name: 'ValidationError', code: 'VALIDATION_FAILED' },
    })
    // A record has no client: the line carries the issues, not the HTTP answer (status, headers) it would make.
    expect(invalidLine?.error).not.toHaveProperty('status')
    expect(invalidLine?.error).not.toHaveProperty('headers')
    expect(issuePaths(invalidLine)).toEqual(['body.qty'])
    expect(invalidLine?.error).toMatchObject({ message: expect.stringContaining('body.qty') })

    // The logger logged and marked both errors: the adapter's last-resort report stays silent.
    expect(stderrLines()).toEqual([])
  })

  it('without a logger, the adapter reports each failure once on stderr', async () => {
    const handler = lambda(sqs())
      .use(validate({ body: Order }))
      .handle(({ input: { body } }) => {
        if (body.orderId === 'poison') throw new Error('payment provider rejected the card')
      })
    const event = events.sqs([
      { body: JSON.stringify({ orderId: 'o-1', qty: 1 }) },
      { body: JSON.stringify({ orderId: 'o-2', qty: -1 }) },
      { body: JSON.stringify({ orderId: 'poison', qty: 1 }) },
    ])
    const [, invalid, poison] = event.Records.map((record) => record.messageId)
    const context = createContext()

    const response = await invoke(handler, event, context)

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: invalid }, { itemIdentifier: poison }])
    const lines = stderrLines()
    expect(lines.map((line) => [line.message, line.record_id])).toEqual([
      ['Record failed', invalid],
      ['Record failed', poison],
    ])
    expect(lines.every((line) => line.function_request_id === context.awsRequestId)).toBe(true)
    expect(lines[0]).toMatchObject({ level: 'ERROR', error: { code: 'VALIDATION_FAILED' } })
    expect(lines[0]?.error).toMatchObject({ message: expect.stringContaining('body.qty') })
  })
})

describe('sqs() + logger() + validate(), FIFO queue', () => {
  // Group A: good, invalid, good, poison. Group B: good, good, interleaved with A.
  function fifoBatch() {
    const event = events.sqs(
      [
        { body: JSON.stringify({ orderId: 'a-1', qty: 1 }), attributes: { MessageGroupId: 'A' } },
        { body: JSON.stringify({ orderId: 'b-1', qty: 1 }), attributes: { MessageGroupId: 'B' } },
        { body: JSON.stringify({ orderId: 'a-2', qty: 0 }), attributes: { MessageGroupId: 'A' } },
        { body: JSON.stringify({ orderId: 'b-2', qty: 1 }), attributes: { MessageGroupId: 'B' } },
        { body: JSON.stringify({ orderId: 'a-3', qty: 1 }), attributes: { MessageGroupId: 'A' } },
        { body: JSON.stringify({ orderId: 'poison', qty: 1 }), attributes: { MessageGroupId: 'A' } },
        { body: JSON.stringify({ orderId: 'b-3', qty: 1 }), attributes: { MessageGroupId: 'B' } },
      ],
      { fifo: true },
    )
    const ids = event.Records.map((record) => record.messageId)
    return { event, ids }
  }

  function fifoHandler(
    onFifoFailure: 'fail-rest-of-batch' | 'fail-rest-of-group',
    write: (line: string) => void,
  ) {
    const ran: string[] = []
    const handler = lambda(sqs({ onFifoFailure }))
      .use(logger({ write }))
      .use(validate({ body: Order }))
      .handle(({ input: { body } }) => {
        ran.push(body.orderId)
        if (body.orderId === 'poison') throw new Error('poison')
      })
    return { handler, ran }
  }

  it("'fail-rest-of-group': the invalid message stops the rest of its group only", async () => {
    const log = captureLog()
    const { handler, ran } = fifoHandler('fail-rest-of-group', log.write)
    const { event, ids } = fifoBatch()
    const context = createContext()

    const response = await invoke(handler, event, context)

    // a-2 failed validation; a-3 and poison are reported without running; group B ran whole, in order.
    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([
      ids[2],
      ids[4],
      ids[5],
    ])
    expect(ran).toEqual(['a-1', 'b-1', 'b-2', 'b-3'])
    const errors = errorLines(log.lines())
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      message: 'Record failed',
      record_id: ids[2],
      function_request_id: context.awsRequestId,
    })
    expect(issuePaths(errors[0])).toEqual(['body.qty'])
    // The records not run are one WARN through the chain's logger (its service and keys, the record id of the
    // failure that stopped them), never a second ERROR; nothing is written around the logger.
    expect(stderrLines()).toEqual([])
    const notRun = log.lines().filter((line) => line.level === 'WARN')
    expect(notRun).toHaveLength(1)
    expect(notRun[0]).toMatchObject({
      level: 'WARN',
      message: expect.stringMatching(/^2 sqs record\(s\) were not run because an earlier message/),
      function_request_id: context.awsRequestId,
      record_id: ids[2],
      records_not_run: 2,
    })
    expect(notRun[0]).toMatchObject({ message: expect.stringContaining(String(ids[4])) })
    expect(notRun[0]).toMatchObject({ message: expect.stringContaining(String(ids[5])) })
  })

  it("'fail-rest-of-batch' (default): the invalid message stops every message after it, in every group", async () => {
    const log = captureLog()
    const { handler, ran } = fifoHandler('fail-rest-of-batch', log.write)
    const { event, ids } = fifoBatch()

    const response = await invoke(handler, event)

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(ids.slice(2))
    expect(ran).toEqual(['a-1', 'b-1'])
    const errors = errorLines(log.lines())
    expect(errors.map((line) => line.record_id)).toEqual([ids[2]])
    expect(stderrLines()).toEqual([])
    expect(warnings(log.lines())).toEqual([['WARN', 4]])
  })
})

describe('kinesis() + logger() + validate()', () => {
  const record = (partitionKey: string, json: unknown) => ({ json, kinesis: { partitionKey } })

  it('in shard order (default): reports the first failure only and runs nothing after it', async () => {
    const log = captureLog()
    const ran: string[] = []
    const handler = lambda(kinesis())
      .use(logger({ write: log.write }))
      .use(validate({ body: Order }))
      .handle(({ input: { body } }) => {
        ran.push(body.orderId)
        if (body.orderId === 'poison') throw new Error('poison')
      })
    const event = events.kinesis([
      record('A', { orderId: 'o-1', qty: 1 }),
      record('B', { orderId: 'poison', qty: 1 }),
      record('A', { orderId: 'o-2', qty: 1 }),
      record('C', { orderId: 'o-3', qty: -4 }),
      record('A', { orderId: 'o-4', qty: 1 }),
    ])
    const sequenceNumbers = event.Records.map((r) => r.kinesis.sequenceNumber)
    const context = createContext()

    const response = await invoke(handler, event, context)

    // The checkpoint: Lambda delivers the poison record and everything after it again.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumbers[1] }])
    expect(ran).toEqual(['o-1', 'poison'])
    const errors = errorLines(log.lines())
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      message: 'Record failed',
      record_id: sequenceNumbers[1],
      function_request_id: context.awsRequestId,
      error: { message: 'poison' },
    })
    expect(stderrLines()).toEqual([])
    expect(warnings(log.lines())).toEqual([['WARN', 3]])
  })

  it('partition keys side by side: both failures logged, the earliest reported, the rest of each key not run', async () => {
    const log = captureLog()
    const ran: string[] = []
    const handler = lambda(kinesis({ concurrency: 2 }))
      .use(logger({ write: log.write }))
      .use(validate({ body: Order }))
      .handle(async ({ input: { body }, log }) => {
        ran.push(body.orderId)
        log.info('projecting', { orderId: body.orderId })
        await new Promise((resolve) => setTimeout(resolve, body.orderId === 'poison' ? 20 : 1))
        if (body.orderId === 'poison') throw new Error('poison')
      })
    const event = events.kinesis([
      record('A', { orderId: 'a-1', qty: 1 }), // 0
      record('B', { orderId: 'b-1', qty: 1 }), // 1
      record('A', { orderId: 'poison', qty: 1 }), // 2: fails late
      record('B', { orderId: 'b-2', qty: 0 }), // 3: invalid, fails at once
      record('A', { orderId: 'a-3', qty: 1 }), // 4: after the poison in its key: not run
      record('B', { orderId: 'b-3', qty: 1 }), // 5: after the invalid one in its key: not run
    ])
    const sequenceNumbers = event.Records.map((r) => r.kinesis.sequenceNumber)
    const context = createContext()

    const response = await invoke(handler, event, context)

    // The invalid record failed first, but the poison one comes earlier in the shard: it is the checkpoint.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumbers[2] }])
    expect(ran.sort()).toEqual(['a-1', 'b-1', 'poison'])
    const lines = log.lines()
    const errors = errorLines(lines)
    expect(errors.map((line) => line.record_id).sort()).toEqual(
      [sequenceNumbers[2], sequenceNumbers[3]].sort(),
    )
    expect(errors.every((line) => line.message === 'Record failed')).toBe(true)
    expect(errors.every((line) => line.function_request_id === context.awsRequestId)).toBe(true)
    expect(issuePaths(errors.find((line) => line.record_id === sequenceNumbers[3]))).toEqual(['body.qty'])
    expect(lines.filter((line) => line.level === 'INFO').map((line) => line.message)).toEqual([
      'projecting',
      'projecting',
      'projecting',
    ])
    expect(stderrLines()).toEqual([])
    expect(warnings(log.lines())).toEqual([['WARN', 2]])
  })
})

describe('dynamodbStreams() + logger() + validate()', () => {
  it('reports the earliest failure and runs nothing after it', async () => {
    const log = captureLog()
    const ran: string[] = []
    const handler = lambda(dynamodbStreams())
      .use(logger({ write: log.write }))
      .use(validate({ newImage: Order }))
      .handle(({ input: { newImage } }) => {
        ran.push(newImage.orderId)
        if (newImage.orderId === 'poison') throw new Error('poison')
      })
    const event = events.dynamodbStream([
      { keys: { orderId: 'o-1' }, newItem: { orderId: 'o-1', qty: 1 } },
      { keys: { orderId: 'o-2' }, newItem: { orderId: 'o-2', qty: 1.5 } }, // invalid: not an integer
      { keys: { orderId: 'poison' }, newItem: { orderId: 'poison', qty: 1 } },
      { keys: { orderId: 'o-3' }, newItem: { orderId: 'o-3', qty: 1 } },
    ])
    const sequenceNumbers = event.Records.map((r) => r.dynamodb?.SequenceNumber)
    const context = createContext()

    const response = await invoke(handler, event, context)

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: sequenceNumbers[1] }])
    expect(ran).toEqual(['o-1'])
    const errors = errorLines(log.lines())
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({
      message: 'Record failed',
      record_id: sequenceNumbers[1],
      function_request_id: context.awsRequestId,
      error: { name: 'ValidationError', code: 'VALIDATION_FAILED' },
    })
    expect(issuePaths(errors[0])).toEqual(['newImage.qty'])
    expect(stderrLines()).toEqual([])
    expect(warnings(log.lines())).toEqual([['WARN', 2]])
  })
})

describe('errors that cannot carry a mark', () => {
  it.each([
    ['a thrown string', () => 'card declined'],
    ['a frozen error', () => Object.freeze(new Error('card declined'))],
  ])(
    '%s thrown by one record is logged exactly once, by the logger, and not again by sqs()',
    async (_, make) => {
      const log = captureLog()
      const handler = lambda(sqs())
        .use(logger({ write: log.write }))
        .handle(({ body }) => {
          if (body === 'bad') throw make()
        })
      const event = events.sqs([{ body: 'good' }, { body: 'bad' }, { body: 'good' }])

      const response = await invoke(handler, event)

      expect(response.batchItemFailures).toEqual([{ itemIdentifier: event.Records[1]?.messageId }])
      const errors = errorLines(log.lines())
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatchObject({ record_id: event.Records[1]?.messageId })
      expect(stderrLines()).toEqual([])
    },
  )
})
