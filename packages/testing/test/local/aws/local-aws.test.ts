import {
  BatchGetSecretValueCommand,
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager'
import {
  DeleteMessageCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs'
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  ParameterNotFound,
  SSMClient,
} from '@aws-sdk/client-ssm'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type LocalAws, startLocalAws } from '../../../src/index.js'

// The real SDK clients load and connect inside these tests: on a busy machine that alone can pass the 5 s default.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 })

let clockMs = Date.UTC(2026, 11, 1)
let aws: LocalAws
let ssm: SSMClient
let secrets: SecretsManagerClient
let sqs: SQSClient

beforeAll(async () => {
  aws = await startLocalAws({
    parameters: {
      '/app/table': 'orders',
      '/app/db/password': { value: 's3cret-pa55', type: 'SecureString' },
      '/app/db/host': 'db.internal',
      '/app/hosts': { value: 'a,b,c', type: 'StringList' },
      plain: 'no-slash',
      ...Object.fromEntries(
        Array.from({ length: 23 }, (_, index) => [`/many/p${String(index).padStart(2, '0')}`, `v${index}`]),
      ),
    },
    secrets: { 'app/api-key': 'key-123456', 'app/cert': { binary: new Uint8Array([1, 2, 3]) } },
    queues: ['jobs', 'jobs-dlq.fifo', { name: 'content.fifo', contentBasedDeduplication: true }],
    now: () => clockMs,
  })
  const config = { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials, maxAttempts: 1 }
  ssm = new SSMClient(config)
  secrets = new SecretsManagerClient(config)
  sqs = new SQSClient(config)
})

afterAll(async () => {
  ssm.destroy()
  secrets.destroy()
  sqs.destroy()
  await aws.stop()
})

beforeEach(() => {
  aws.resetCalls()
  aws.clearFaults()
})

describe('SSM', () => {
  it('answers GetParameter, with SecureString decrypted only when asked', async () => {
    const { Parameter } = await ssm.send(
      new GetParameterCommand({ Name: '/app/db/password', WithDecryption: true }),
    )
    expect(Parameter).toMatchObject({
      Name: '/app/db/password',
      Type: 'SecureString',
      Value: 's3cret-pa55',
      Version: 1,
    })
    expect(Parameter?.ARN).toBe('arn:aws:ssm:us-east-1:123456789012:parameter/app/db/password')
    expect(Parameter?.LastModifiedDate).toEqual(new Date(clockMs))
    const encrypted = await ssm.send(new GetParameterCommand({ Name: '/app/db/password' }))
    expect(encrypted.Parameter?.Value).not.toContain('s3cret')
    expect(aws.calls('GetParameter')).toBe(2)
  })

  it('finds a parameter by its ARN too', async () => {
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/app/table'
    const result = await ssm.send(
      new GetParametersCommand({ Names: [arn, 'arn:aws:ssm:us-east-1:123456789012:parameter/plain'] }),
    )
    expect(result.Parameters?.map((p) => [p.Name, p.ARN])).toEqual([
      ['/app/table', arn],
      ['plain', 'arn:aws:ssm:us-east-1:123456789012:parameter/plain'],
    ])
  })

  it('answers a missing parameter with ParameterNotFound', async () => {
    const error = await ssm
      .send(new GetParameterCommand({ Name: '/nope' }))
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ParameterNotFound)
    expect((error as Error).message).toContain('/nope')
  })

  it('answers GetParameters with the found ones and the invalid names, at most 10 names', async () => {
    const result = await ssm.send(
      new GetParametersCommand({ Names: ['/app/table', '/missing', 'plain', '/app/hosts'] }),
    )
    expect(result.Parameters?.map((p) => [p.Name, p.Value, p.Type])).toEqual([
      ['/app/table', 'orders', 'String'],
      ['plain', 'no-slash', 'String'],
      ['/app/hosts', 'a,b,c', 'StringList'],
    ])
    expect(result.InvalidParameters).toEqual(['/missing'])
    const tooMany = Array.from({ length: 11 }, (_, index) => `/many/p${String(index).padStart(2, '0')}`)
    await expect(ssm.send(new GetParametersCommand({ Names: tooMany }))).rejects.toMatchObject({
      name: 'ValidationException',
    })
  })

  it('pages GetParametersByPath with NextToken; Recursive reaches deeper levels', async () => {
    const names: string[] = []
    let nextToken: string | undefined
    let pages = 0
    do {
      const page = await ssm.send(new GetParametersByPathCommand({ Path: '/many', NextToken: nextToken }))
      names.push(...(page.Parameters ?? []).map((p) => p.Name ?? ''))
      nextToken = page.NextToken
      pages++
    } while (nextToken !== undefined)
    expect(pages).toBe(3)
    expect(names).toHaveLength(23)
    expect(new Set(names).size).toBe(23)

    const shallow = await ssm.send(new GetParametersByPathCommand({ Path: '/app/' }))
    expect(shallow.Parameters?.map((p) => p.Name)).toEqual(['/app/hosts', '/app/table'])
    const deep = await ssm.send(
      new GetParametersByPathCommand({ Path: '/app', Recursive: true, WithDecryption: true }),
    )
    expect(deep.Parameters?.map((p) => p.Name)).toEqual([
      '/app/db/host',
      '/app/db/password',
      '/app/hosts',
      '/app/table',
    ])
    expect(deep.Parameters?.find((p) => p.Name === '/app/db/password')?.Value).toBe('s3cret-pa55')
  })

  it('property: paging by any page size returns every parameter under the path exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 10 }), async (maxResults) => {
        const names: string[] = []
        let nextToken: string | undefined
        do {
          const page = await ssm.send(
            new GetParametersByPathCommand({ Path: '/many/', MaxResults: maxResults, NextToken: nextToken }),
          )
          expect((page.Parameters ?? []).length).toBeLessThanOrEqual(maxResults)
          names.push(...(page.Parameters ?? []).map((p) => p.Name ?? ''))
          nextToken = page.NextToken
        } while (nextToken !== undefined)
        expect(names.sort()).toEqual(
          Array.from({ length: 23 }, (_, index) => `/many/p${String(index).padStart(2, '0')}`),
        )
      }),
      { numRuns: 10 },
    )
  })

  it('setParameter stores a new version', async () => {
    aws.setParameter('/app/rotating', 'one')
    aws.setParameter('/app/rotating', 'two')
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: '/app/rotating' }))
    expect(Parameter).toMatchObject({ Value: 'two', Version: 2 })
    aws.deleteParameter('/app/rotating')
    await expect(ssm.send(new GetParameterCommand({ Name: '/app/rotating' }))).rejects.toBeInstanceOf(
      ParameterNotFound,
    )
  })
})

describe('Secrets Manager', () => {
  it('answers GetSecretValue by name and by ARN; rotation keeps the ARN and changes the version', async () => {
    const first = await secrets.send(new GetSecretValueCommand({ SecretId: 'app/api-key' }))
    expect(first).toMatchObject({
      Name: 'app/api-key',
      SecretString: 'key-123456',
      VersionStages: ['AWSCURRENT'],
    })
    expect(first.ARN).toMatch(
      /^arn:aws:secretsmanager:us-east-1:123456789012:secret:app\/api-key-[A-Za-z0-9]{6}$/,
    )
    aws.setSecret('app/api-key', 'key-rotated')
    const second = await secrets.send(new GetSecretValueCommand({ SecretId: first.ARN }))
    expect(second.SecretString).toBe('key-rotated')
    expect(second.ARN).toBe(first.ARN)
    expect(second.VersionId).not.toBe(first.VersionId)
    aws.setSecret('app/api-key', 'key-123456')
  })

  it('answers binary secrets as bytes and a missing one with ResourceNotFoundException', async () => {
    const cert = await secrets.send(new GetSecretValueCommand({ SecretId: 'app/cert' }))
    expect([...(cert.SecretBinary ?? [])]).toEqual([1, 2, 3])
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    )
  })

  it('answers BatchGetSecretValue with values and per-id errors', async () => {
    const result = await secrets.send(
      new BatchGetSecretValueCommand({ SecretIdList: ['app/api-key', 'nope'] }),
    )
    expect(result.SecretValues?.map((s) => [s.Name, s.SecretString])).toEqual([['app/api-key', 'key-123456']])
    expect(result.Errors).toEqual([
      expect.objectContaining({ SecretId: 'nope', ErrorCode: 'ResourceNotFoundException' }),
    ])
    expect(aws.calls('BatchGetSecretValue')).toBe(1)
  })
})

describe('faults', () => {
  it('throttles the next calls of one operation, then answers again', async () => {
    aws.inject({ operation: 'GetParameters', fault: 'throttle', times: 2 })
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(ssm.send(new GetParametersCommand({ Names: ['/app/table'] }))).rejects.toMatchObject({
        name: 'ThrottlingException',
        $metadata: { httpStatusCode: 400 },
      })
    }
    await expect(ssm.send(new GetParameterCommand({ Name: '/app/table' }))).resolves.toMatchObject({
      Parameter: { Value: 'orders' },
    })
    const ok = await ssm.send(new GetParametersCommand({ Names: ['/app/table'] }))
    expect(ok.Parameters).toHaveLength(1)
    expect(aws.calls('GetParameters')).toBe(3)
    expect(aws.calls()).toBe(4)
  })

  it('answers 500 for a server error until cleared, and the SDK retries it', async () => {
    aws.inject({ operation: 'GetSecretValue', fault: 'server-error' })
    await expect(secrets.send(new GetSecretValueCommand({ SecretId: 'app/api-key' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 500 },
    })
    const retrying = new SecretsManagerClient({
      endpoint: aws.endpoint,
      region: aws.region,
      credentials: aws.credentials,
      maxAttempts: 3,
      retryStrategy: undefined,
    })
    aws.clearFaults()
    aws.inject({ operation: 'GetSecretValue', fault: 'server-error', times: 1 })
    aws.resetCalls()
    const value = await retrying.send(new GetSecretValueCommand({ SecretId: 'app/api-key' }))
    retrying.destroy()
    expect(value.SecretString).toBe('key-123456')
    expect(aws.calls('GetSecretValue')).toBe(2)
  })

  it('counts how many calls of an operation were answered at once', async () => {
    // Long enough that the three calls all arrive while the first is still being answered, even on a busy machine.
    aws.inject({ latencyMs: 300 })
    await Promise.all([1, 2, 3].map(() => ssm.send(new GetParametersCommand({ Names: ['/app/table'] }))))
    await ssm.send(new GetParameterCommand({ Name: '/app/table' }))
    await ssm.send(new GetParameterCommand({ Name: '/app/table' }))
    expect(aws.peakConcurrency('GetParameters')).toBe(3)
    expect(aws.peakConcurrency('GetParameter')).toBe(1)
    expect(aws.peakConcurrency()).toBe(3)
    aws.resetCalls()
    expect(aws.peakConcurrency('GetParameters')).toBe(0)
  })

  it('adds latency to the operation named, and only to it', async () => {
    // Far longer than a call takes even on a busy machine, so only the latency can hold the parameter back.
    aws.inject({ latencyMs: 2000, operation: 'GetParameter' })
    const gate = { parameterDone: false }
    const parameter = ssm.send(new GetParameterCommand({ Name: '/app/table' })).then(() => {
      gate.parameterDone = true
    })
    await secrets.send(new GetSecretValueCommand({ SecretId: 'app/api-key' }))
    expect(gate.parameterDone).toBe(false)
    await parameter
  })

  it('denies access to an operation, as IAM does without the action', async () => {
    aws.inject({ operation: 'BatchGetSecretValue', fault: 'access-denied', times: 1 })
    await expect(
      secrets.send(new BatchGetSecretValueCommand({ SecretIdList: ['app/api-key'] })),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
    })
  })

  it('rejects nonsense faults', () => {
    expect(() => aws.inject({ latencyMs: -1 })).toThrow(/latencyMs/)
    expect(() => aws.inject({ operation: 'GetParameters', fault: 'throttle', times: 0 })).toThrow(/times/)
  })
})

describe('SQS', () => {
  it('gives queue URLs and answers a missing queue with QueueDoesNotExist', async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'jobs' }))
    expect(QueueUrl).toBe(aws.queue('jobs').url)
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    })
    expect(() => aws.queue('nope')).toThrow(/no local queue named nope/)
  })

  it('sends, receives with attributes, hides in-flight messages and deletes', async () => {
    const queue = aws.queue('jobs')
    queue.clear()
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: '{"n":1}',
        MessageAttributes: {
          kind: { DataType: 'String', StringValue: 'order' },
          blob: { DataType: 'Binary', BinaryValue: new Uint8Array([9, 8]) },
        },
      }),
    )
    expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/)
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue.url,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    )
    const message = received.Messages?.[0]
    expect(message?.Body).toBe('{"n":1}')
    expect(message?.MessageId).toBe(sent.MessageId)
    expect(message?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes)
    expect(message?.MessageAttributes?.kind?.StringValue).toBe('order')
    expect([...(message?.MessageAttributes?.blob?.BinaryValue ?? [])]).toEqual([9, 8])
    expect(message?.Attributes?.ApproximateReceiveCount).toBe('1')
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }))
    expect(again.Messages ?? []).toHaveLength(0)
    expect(queue.messages()[0]?.receiveCount).toBe(1)

    clockMs += 30_000
    const redelivered = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url }))
    expect(redelivered.Messages?.[0]?.MessageId).toBe(sent.MessageId)
    await sqs.send(
      new DeleteMessageCommand({
        QueueUrl: queue.url,
        ReceiptHandle: redelivered.Messages?.[0]?.ReceiptHandle,
      }),
    )
    expect(queue.messages()).toEqual([])
    await expect(
      sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: 'made-up' })),
    ).rejects.toMatchObject({ name: 'ReceiptHandleIsInvalid' })
  })

  it('SendMessageBatch answers each entry as Successful or Failed', async () => {
    const queue = aws.queue('jobs-dlq.fifo')
    queue.clear()
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: 'a', MessageBody: 'first', MessageGroupId: 'g', MessageDeduplicationId: 'd-1' },
          { Id: 'b', MessageBody: 'no group', MessageDeduplicationId: 'd-2' },
          { Id: 'c', MessageBody: 'no dedup id', MessageGroupId: 'g' },
          {
            Id: 'd',
            MessageBody: 'second',
            MessageGroupId: 'g',
            MessageDeduplicationId: 'd-3',
            MessageAttributes: { reason: { DataType: 'String', StringValue: 'poison' } },
          },
        ],
      }),
    )
    expect(result.Successful?.map((entry) => entry.Id)).toEqual(['a', 'd'])
    expect(result.Successful?.every((entry) => /^\d+$/.test(entry.SequenceNumber ?? ''))).toBe(true)
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'b', SenderFault: true, Code: 'MissingParameter' }),
      expect.objectContaining({ Id: 'c', SenderFault: true, Code: 'InvalidParameterValue' }),
    ])
    expect(
      queue.messages().map((message) => [message.body, message.messageGroupId, message.messageAttributes]),
    ).toEqual([
      ['first', 'g', {}],
      ['second', 'g', { reason: { DataType: 'String', StringValue: 'poison' } }],
    ])
  })

  it('fails the entries SQS would refuse: bad characters, too many attributes, a delay out of range', async () => {
    const queue = aws.queue('jobs')
    queue.clear()
    const attributes = Object.fromEntries(
      Array.from({ length: 11 }, (_, index) => [`a${index}`, { DataType: 'String', StringValue: 'x' }]),
    )
    const result = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: 'nul', MessageBody: 'bad\u0000byte' },
          { Id: 'attributes', MessageBody: 'ok', MessageAttributes: attributes },
          { Id: 'delay', MessageBody: 'ok', DelaySeconds: 901 },
          { Id: 'fine', MessageBody: 'emoji 🍣 and tab\t' },
        ],
      }),
    )
    expect(result.Failed?.map((entry) => [entry.Id, entry.Code])).toEqual([
      ['nul', 'InvalidMessageContents'],
      ['attributes', 'InvalidParameterValue'],
      ['delay', 'InvalidParameterValue'],
    ])
    expect(queue.messages().map((message) => message.body)).toEqual(['emoji 🍣 and tab\t'])
  })

  it('rejects a whole batch that breaks the batch rules', async () => {
    const url = aws.queue('jobs').url
    const entries = (count: number) =>
      Array.from({ length: count }, (_, index) => ({ Id: `e${index}`, MessageBody: 'x' }))
    await expect(
      sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries(11) })),
    ).rejects.toMatchObject({
      name: 'TooManyEntriesInBatchRequest',
    })
    await expect(sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] }))).rejects.toMatchObject(
      {
        name: 'EmptyBatchRequest',
      },
    )
    await expect(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [
            { Id: 'same', MessageBody: 'x' },
            { Id: 'same', MessageBody: 'y' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinct' })
    await expect(
      sqs.send(
        new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'bad id!', MessageBody: 'x' }] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidBatchEntryId' })
    const big = 'x'.repeat(600_000)
    await expect(
      sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: url,
          Entries: [
            { Id: 'a', MessageBody: big },
            { Id: 'b', MessageBody: big },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BatchRequestTooLong' })
  })

  it('deduplicates a FIFO send within 5 minutes, by id or by content, and accepts it again after', async () => {
    const queue = aws.queue('content.fifo')
    queue.clear()
    const first = await sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'same', MessageGroupId: 'g' }),
    )
    clockMs += 4 * 60_000
    const duplicate = await sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'same', MessageGroupId: 'g' }),
    )
    expect(duplicate.MessageId).toBe(first.MessageId)
    expect(queue.messages()).toHaveLength(1)
    clockMs += 60_000
    const later = await sqs.send(
      new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'same', MessageGroupId: 'g' }),
    )
    expect(later.MessageId).not.toBe(first.MessageId)
    expect(queue.messages()).toHaveLength(2)
  })

  it('delivers a FIFO group in order, one batch in flight per group', async () => {
    const queue = aws.queue('jobs-dlq.fifo')
    queue.clear()
    for (const [index, group] of ['a', 'a', 'b'].entries()) {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: queue.url,
          MessageBody: `${group}${index}`,
          MessageGroupId: group,
          MessageDeduplicationId: `m${index}`,
        }),
      )
    }
    const first = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1 }))
    expect(first.Messages?.map((m) => m.Body)).toEqual(['a0'])
    const second = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }))
    expect(second.Messages?.map((m) => m.Body)).toEqual(['b2'])
    await sqs.send(
      new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    )
    const third = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10 }))
    expect(third.Messages?.map((m) => m.Body)).toEqual(['a1'])
  })

  it('property: every batch entry ends up exactly once in Successful or Failed, and only successes are queued', async () => {
    const queue = aws.queue('jobs-dlq.fifo')
    const entry = fc.record({
      body: fc.string({ minLength: 0, maxLength: 20 }),
      group: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }),
      dedup: fc.option(fc.constantFrom('x', 'y', 'z'), { nil: undefined }),
    })
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 10 }), async (specs) => {
        queue.clear()
        const result = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queue.url,
            Entries: specs.map((spec, index) => ({
              Id: `e${index}`,
              MessageBody: spec.body,
              MessageGroupId: spec.group,
              MessageDeduplicationId: spec.dedup,
            })),
          }),
        )
        const ids = [...(result.Successful ?? []), ...(result.Failed ?? [])].map((answer) => answer.Id).sort()
        expect(ids).toEqual(specs.map((_, index) => `e${index}`).sort())
        const queuedIds = new Set(queue.messages().map((message) => message.messageId))
        for (const success of result.Successful ?? [])
          expect(queuedIds.has(success.MessageId ?? '')).toBe(true)
        expect(queue.messages().length).toBeLessThanOrEqual((result.Successful ?? []).length)
      }),
      { numRuns: 25 },
    )
  })
})

describe('createQueue', () => {
  it('makes a queue after the start that the SDK finds and sends to', async () => {
    const created = aws.createQueue('made-later')
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'made-later' }))
    expect(QueueUrl).toBe(created.url)
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify({ late: true }) }))
    expect(aws.queue('made-later').bodies()).toEqual([{ late: true }])
  })
})
