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
      }),
    ).toEqual({
      ordersTableParameter: '/orders/table',
      apiKeySecret: 'orders/api-key',
      idempotencyTable: 'idempotency',
      allowedOrigins: ['https://a.example.com', 'https://b.example.com'],
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
      message: 'Missing environment variables: API_KEY_SECRET, IDEMPOTENCY_TABLE, ALLOWED_ORIGINS',
      variables: ['API_KEY_SECRET', 'IDEMPOTENCY_TABLE', 'ALLOWED_ORIGINS'],
    })
  })
})
