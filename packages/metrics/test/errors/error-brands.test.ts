import { describeErrorBrands } from '../../../../test/support/error-brands.js'

// Each error class the package exports, made from its CJS build and recognised by its ESM build (see the helper).
describeErrorBrands(new URL('../', import.meta.url).href, 'index', {
  InvalidMetricError: ['A metric name must be a string'],
})
