import { App } from 'aws-cdk-lib'
import { Template } from 'aws-cdk-lib/assertions'
import { expect, test } from 'vitest'
import { ProofStack } from '../infra/stack.js'

test('synth', () => {
  const t = Template.fromStack(new ProofStack(new App(), 'P'))
  t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x' })
  expect(Object.keys(t.findResources('AWS::Lambda::Function')).length).toBe(1)
})
