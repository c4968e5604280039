/**
 * The route a request matched, rebuilt from its path and path parameters: `/orders/42` with `{ id: '42' }`
 * is `/orders/{id}`, and a parameter holding several segments is a greedy one: `{proxy+}`.
 *
 * Parameters whose values do not appear in the path leave it unchanged, so the route is a best guess.
 */
export function routeTemplate(path: string, pathParams: Readonly<Record<string, string>>): string {
  let template = path
  const params = Object.entries(pathParams)
  for (const [name, value] of params) {
    if (value.includes('/') && template.endsWith(`/${value}`)) {
      template = `${template.slice(0, -value.length)}{${name}+}`
    }
  }
  const unplaced = params.filter(([, value]) => !value.includes('/'))
  const segments = template.split('/').map((segment) => {
    const index = unplaced.findIndex(([, value]) => segment !== '' && decodeSegment(segment) === value)
    const [match] = index === -1 ? [] : unplaced.splice(index, 1)
    return match ? `{${match[0]}}` : segment
  })
  return segments.join('/')
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
