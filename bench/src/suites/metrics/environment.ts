/*
 * What a Lambda runtime sets, for every contender alike, before any of them is imported: aws-embedded-metrics
 * decides where it writes from these at import (AWS_LAMBDA_FUNCTION_NAME: Lambda, so stdout), and Powertools and
 * tsumiki read their service from them.
 */
process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders-api'
process.env.AWS_LAMBDA_FUNCTION_VERSION = '$LATEST'
process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = '1024'
process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x'
process.env.AWS_EMF_ENVIRONMENT = 'Lambda'
// Powertools writes through the global console only in its dev mode; off, as deployed.
delete process.env.POWERTOOLS_DEV

export const namespace = 'Shop'
export const service = 'orders'
