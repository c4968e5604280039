import { describe, expect, it } from 'vitest'
import { type AwsClientWithStack, awsClientMade, onAwsClientMade } from '../../src/index.js'

const client = () => {
  const added: unknown[] = []
  return { added, middlewareStack: { add: (step: unknown) => added.push(step) } }
}

describe('the AWS client hook', () => {
  it('gives a hook every client made, before and after it was registered, once per hook', () => {
    const before = awsClientMade(client())
    const seen: AwsClientWithStack[] = []
    const hook = (made: AwsClientWithStack) => {
      seen.push(made)
    }
    onAwsClientMade(hook)
    onAwsClientMade(hook)
    const after = awsClientMade(client())
    expect(seen.filter((made) => made === before)).toHaveLength(1)
    expect(seen.filter((made) => made === after)).toHaveLength(1)
  })

  it('returns what has no middleware stack as it is, and gives it no hook', () => {
    const seen: unknown[] = []
    onAwsClientMade((made) => seen.push(made))
    const notAClient = { send: () => undefined }
    expect(awsClientMade(notAClient)).toBe(notAClient)
    expect(seen).not.toContain(notAClient)
  })
})
