import { MissingSettingError } from '@tsumiki/core'
import { describe, expect, it } from 'vitest'
import { readSettings } from '../src/settings.js'

describe('readSettings', () => {
  it('reads every setting, the origins as a list', () => {
    expect(
      readSettings({
        ORDERS_TABLE_PARAMETER: '/orders/table',
        API_KEY_SECRET: 'orders/api-key',
        IDEMPOTENCY_TABLE: 'idempotency',
        ALLOWED_ORIGINS: 'https://a.example.com, https://b.example.com,',
        APPCONFIG_APPLICATION: 'orders',
        APPCONFIG_ENVIRONMENT: 'live',
        FLAGS_PROFILE: 'flags',
      }),
    ).toEqual({
      ordersTableParameter: '/orders/table',
      apiKeySecret: 'orders/api-key',
      idempotencyTable: 'idempotency',
      allowedOrigins: ['https://a.example.com', 'https://b.example.com'],
      appConfigApplication: 'orders',
      appConfigEnvironment: 'live',
      flagsProfile: 'flags',
    })
  })

  it('names every missing or empty variable at once', () => {
    const error = (() => {
      try {
        readSettings({ ORDERS_TABLE_PARAMETER: '/orders/table', API_KEY_SECRET: ' ' })
      } catch (caught) {
        return caught
      }
    })()
    expect(error).toBeInstanceOf(MissingSettingError)
    expect(error).toMatchObject({
      message:
        'Missing environment variables: API_KEY_SECRET, IDEMPOTENCY_TABLE, ALLOWED_ORIGINS, APPCONFIG_APPLICATION, APPCONFIG_ENVIRONMENT, FLAGS_PROFILE',
      variables: [
        'API_KEY_SECRET',
        'IDEMPOTENCY_TABLE',
        'ALLOWED_ORIGINS',
        'APPCONFIG_APPLICATION',
        'APPCONFIG_ENVIRONMENT',
        'FLAGS_PROFILE',
      ],
    })
  })
})
