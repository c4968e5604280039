import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { beforeAll, describe, expect, it } from 'vitest'
import { OrderExportStack } from '../infra/stack.js'
import { ORDERS_BY_DAY_INDEX } from '../src/orders-table.js'

type Resource = { Type: string; Properties?: Record<string, unknown> }

let resources: Record<string, Resource>

// Synthesized once (bundling the handler with esbuild takes a moment); every test reads the same template.
beforeAll(() => {
  resources = Template.fromStack(new OrderExportStack(new App(), 'Test')).toJSON().Resources as Record<
    string,
    Resource
  >
}, 120_000)

const ofType = (type: string) => Object.values(resources).filter((resource) => resource.Type === type)

describe('the order export stack', () => {
  it('serves the function on a Function URL that streams, signed with IAM', () => {
    expect(ofType('AWS::Lambda::Url').map((url) => url.Properties)).toEqual([
      expect.objectContaining({ AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM' }),
    ])
  })

  it("lets the function Query the orders table's by-day index, and nothing else of it", () => {
    type Statement = { Action: unknown; Resource: unknown }
    const statements = ofType('AWS::IAM::Policy').flatMap(
      (policy) =>
        (policy.Properties?.PolicyDocument as { Statement: Statement[] } | undefined)?.Statement ?? [],
    )
    const dynamoStatements = statements.filter((statement) =>
      JSON.stringify(statement.Action).includes('dynamodb:'),
    )
    expect(dynamoStatements).toHaveLength(1)
    expect(dynamoStatements[0]?.Action).toBe('dynamodb:Query')
    expect(JSON.stringify(dynamoStatements[0]?.Resource)).toContain(`/index/${ORDERS_BY_DAY_INDEX}`)
  })
})
