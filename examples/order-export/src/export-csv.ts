/** The export's columns, in order: its header line. */
export const columns = ['orderId', 'placedOn', 'status', 'totalCents'] as const

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled. A text field that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet opening the file
 * shows it instead of running it as a formula (CSV injection).
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return ''
  let text = typeof value === 'string' ? value : String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function csvLine(record: Readonly<Record<string, unknown>>): string {
  return `${columns.map((column) => csvField(record[column])).join(',')}\r\n`
}

/**
 * The export as it is read: the header line, then one chunk per page of orders, so the client has the first rows
 * while the rest are still being read.
 */
export async function* exportCsv(
  pages: AsyncIterable<readonly Readonly<Record<string, unknown>>[]>,
): AsyncGenerator<string> {
  yield `${columns.join(',')}\r\n`
  for await (const page of pages) {
    if (page.length > 0) yield page.map(csvLine).join('')
  }
}

/** A calendar day, `YYYY-MM-DD`, that exists. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
}
