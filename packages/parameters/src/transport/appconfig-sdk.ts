// The parts of @aws-sdk/client-appconfigdata that appconfig-session-transport.ts uses, imported by name so that
// bundlers keep only these. It is loaded with `import()` when a configuration is first read, so a function without
// appConfig() never loads the client.
export {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata'
