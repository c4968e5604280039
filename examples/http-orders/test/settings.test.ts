import { describe, expect, it } from 'vitest'
import { MissingSettingError, settingsFrom } from '../src/settings.js'

describe('settingsFrom', () => {
  it('reads every setting, the origins as a list', () => {
    expect(
      settingsFrom({
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
        settingsFrom({ ORDERS_TABLE_PARAMETER: '/orders/table', API_KEY_SECRET: ' ' })
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
