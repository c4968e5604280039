import { DescribeTableCommand } from '@aws-sdk/client-dynamodb'
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm'
import { type LocalAws, type LocalDynamo, startLocalAws, startLocalDynamo } from '@tsumiki/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { localApiKey, prepareLocalEnvironment } from '../local/local-environment.js'
import { settingNames } from '../src/settings.js'

describe('prepareLocalEnvironment (what the handler tests and `pnpm demo` run against)', () => {
  let dynamo: LocalDynamo
  let aws: LocalAws
  beforeAll(async () => {
    dynamo = await startLocalDynamo()
    aws = await startLocalAws()
  })
  afterAll(async () => {
    await dynamo?.stop()
    await aws?.stop()
  })

  it('gives each call its own tables, parameter and secret on the same services', async () => {
    const first = await prepareLocalEnvironment({ dynamo, aws })
    const second = await prepareLocalEnvironment({ dynamo, aws })

    for (const name of Object.values(settingNames).filter((name) => name !== settingNames.allowedOrigins)) {
      expect(first[name], name).not.toBe(second[name])
    }
    expect(first.AWS_ENDPOINT_URL_DYNAMODB).toBe(dynamo.endpoint)
    expect([first.AWS_ENDPOINT_URL_SSM, first.AWS_ENDPOINT_URL_SECRETS_MANAGER]).toEqual([
      aws.endpoint,
      aws.endpoint,
    ])
    expect(Object.keys(first).sort()).toEqual(Object.keys(second).sort())

    const ssm = new SSMClient({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials })
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: first.ORDERS_TABLE_PARAMETER }))
    ssm.destroy()
    const { Table } = await dynamo.client().send(new DescribeTableCommand({ TableName: Parameter?.Value }))
    expect(Table?.TableStatus).toBe('ACTIVE')
    const idempotency = await dynamo
      .client()
      .send(new DescribeTableCommand({ TableName: first.IDEMPOTENCY_TABLE }))
    expect(idempotency.Table?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }])
    expect(localApiKey).not.toBe('')
  })

  it('says what it needs when a service is missing', async () => {
    await expect(prepareLocalEnvironment({ dynamo })).rejects.toThrow('local AWS endpoint (aws)')
  })
})
