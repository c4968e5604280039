// The one module that names the Management API client: importOptionalPeer() loads it only when a post is sent.
export {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi'
