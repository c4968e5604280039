import { describe, expect, it } from 'vitest'
import { parseHandlerSetting } from '../../../src/local/runtime/handler-setting.js'

describe('parseHandlerSetting', () => {
  it('splits the module from the export at the first dot after the last slash, as the runtime client does', () => {
    expect(parseHandlerSetting('dist/handler.handler')).toEqual({
      modulePath: 'dist/handler',
      exportPath: ['handler'],
    })
    expect(parseHandlerSetting('index.routes.orders')).toEqual({
      modulePath: 'index',
      exportPath: ['routes', 'orders'],
    })
    expect(parseHandlerSetting('a.b/c.d')).toEqual({ modulePath: 'a.b/c', exportPath: ['d'] })
  })

  it.each(['handler', '.handler', 'dist/handler.', 'dist/.handler', 'dist/handler..x', ''])(
    'refuses %j',
    (setting) => {
      expect(parseHandlerSetting(setting)).toBeUndefined()
    },
  )
})
