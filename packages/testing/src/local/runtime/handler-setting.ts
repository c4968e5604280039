/** Lambda's handler setting split as the runtime client splits it: `dist/handler.handler`. */
export interface HandlerSetting {
  /** The module's path relative to the task root, without extension: `dist/handler`. */
  readonly modulePath: string
  /** The export, dotted for a nested one (`index.routes.orders` exports `routes.orders`). */
  readonly exportPath: readonly string[]
}

// The module name ends at the first dot after the last slash, as in the runtime client.
const handlerPattern = /^((?:.*\/)?[^./][^./]*)\.([^.].*)$/

export function parseHandlerSetting(handler: string): HandlerSetting | undefined {
  const match = handlerPattern.exec(handler)
  const exportPath = match?.[2]?.split('.')
  if (!match?.[1] || !exportPath || exportPath.some((name) => name === '')) return undefined
  return { modulePath: match[1], exportPath }
}
