import type { LambdaContext } from './aws-events.js'

/** A Lambda context with a generous deadline, enough for the handlers under test. */
export function createContext(): LambdaContext {
  const deadlineAtMs = Date.now() + 60_000
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'validation-test',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:validation-test',
    memoryLimitInMB: '128',
    awsRequestId: 'req-1',
    logGroupName: '/aws/lambda/validation-test',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => deadlineAtMs - Date.now(),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  }
}
