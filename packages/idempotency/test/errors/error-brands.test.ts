import { describeErrorBrands } from '../../../../test/support/error-brands.js'

// Each error class the package exports, made from its CJS build and recognised by its ESM build (see the helper).
describeErrorBrands(import.meta.url, 'index', {
  IdempotencyInProgressError: [1000],
  IdempotencyPayloadMismatchError: [],
  IdempotencyKeyMissingError: ['Missing Idempotency-Key header', 'Idempotency-Key'],
  IdempotencyResultTooLargeError: [500_000, 409_600],
  IdempotencyStreamedResultError: [],
})
