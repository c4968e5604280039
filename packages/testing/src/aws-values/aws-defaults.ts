/** The account and region every factory uses unless told otherwise: AWS's own documentation placeholders. */
export const defaultAccountId = '123456789012'
export const defaultRegion = 'us-east-1'

/** The region of an ARN (`arn:partition:service:region:account:resource`), so derived fields agree with it. */
export function regionOfArn(arn: string): string {
  return arn.split(':')[3] || defaultRegion
}
