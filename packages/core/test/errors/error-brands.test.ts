import { describeErrorBrands } from '../../../../test/support/error-brands.js'

// Each error class the package exports, made from its CJS build and recognised by its ESM build (see the helper).
describeErrorBrands(import.meta.url, 'index', {
  TsumikiError: ['CODE', 'message'],
  HttpError: [404, 'Not found'],
  AppSyncError: ['NotFound', 'No post'],
  DeadlineExceededError: [500],
  InitError: ['config', new Error('cause')],
  InvalidEventError: ['sqs', 'no Records'],
  InvalidOptionError: ['f()', 'o', 'a string', 1],
  MissingDependencyError: ['@aws-sdk/client-sqs', 'Parking records', new Error('not found')],
  MissingSettingError: [['ORDERS_TABLE']],
  RecordsFailedError: ['sns', [], 0],
})
