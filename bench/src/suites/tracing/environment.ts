/*
 * What a Lambda runtime with active tracing sets, for every contender alike, before any of them is imported: the
 * X-Ray SDK (under Powertools Tracer) works in Lambda mode from LAMBDA_TASK_ROOT and takes its facade segment from
 * _X_AMZN_TRACE_ID; it sends segments over UDP to the daemon address (nothing listens there: a send is fire and
 * forget, as it is to the real daemon).
 */
process.env.AWS_LAMBDA_FUNCTION_NAME = 'orders-api'
process.env.AWS_LAMBDA_FUNCTION_VERSION = '$LATEST'
process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE = '1024'
process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x'
process.env.LAMBDA_TASK_ROOT = '/var/task'
process.env.AWS_XRAY_DAEMON_ADDRESS = '127.0.0.1:2000'
process.env.AWS_XRAY_CONTEXT_MISSING = 'IGNORE_ERROR'
process.env._X_AMZN_TRACE_ID = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1'
process.env.POWERTOOLS_TRACE_ENABLED = 'true'
process.env.POWERTOOLS_SERVICE_NAME = 'orders'
delete process.env.POWERTOOLS_DEV
