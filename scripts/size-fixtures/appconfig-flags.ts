// An HTTP function reading an AppConfig configuration and feature flags (issue 25): compare with minimal-http for
// what appConfig() and featureFlags() bring; @aws-sdk/client-appconfigdata is loaded by import() on the first read.
import { http, lambda } from '@tsumiki/core'
import { appConfig, featureFlags, parameters } from '@tsumiki/parameters'
import { z } from 'zod'

const where = { application: 'orders', environment: 'prod' }
const Settings = z.object({ maxItems: z.number().int().positive() })

export const handler = lambda(http())
  .use(parameters({ settings: appConfig({ ...where, profile: 'settings', schema: Settings }) }))
  .use(featureFlags(appConfig({ ...where, profile: 'flags' }), { flags: ['new-checkout'] }))
  .handle(({ params, flags, headers }) => ({
    checkout: flags.isEnabled('new-checkout', { userId: headers['x-user-id'] ?? 'anonymous' }),
    maxItems: params.settings.maxItems,
  }))
