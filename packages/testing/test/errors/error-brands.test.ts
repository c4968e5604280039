import { describeErrorBrands } from '../../../../test/support/error-brands.js'

// Each error class the package exports, made from its CJS build and recognised by its ESM build (see the helper).
describeErrorBrands(import.meta.url, 'runtime', {
  LocalRuntimeError: ['RUNTIME_STOPPED', 'stopped'],
})
