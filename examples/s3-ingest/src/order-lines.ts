// A namespace import lets the bundler drop what is unused (zod's locales): ~115 KiB bundled instead of ~470.
import * as z from 'zod'

/** One line of an incoming orders file (JSON lines). */
export const OrderLine = z.strictObject({
  orderId: z.string().min(1).max(64),
  sku: z.string().min(1).max(64),
  qty: z.number().int().min(1).max(10_000),
  unitPriceCents: z.number().int().min(0),
})
export type OrderLine = z.infer<typeof OrderLine>

/** An accepted order, as written to the output. */
export interface ProcessedOrder extends OrderLine {
  readonly totalCents: number
}

/** A line that was not an order: kept with its number and why, never dropped. */
export interface RejectedLine {
  /** 1-based, as an editor shows it. */
  readonly line: number
  readonly reason: string
}

export type ParsedLine =
  | { readonly ok: true; readonly line: number; readonly order: ProcessedOrder }
  | { readonly ok: false; readonly rejected: RejectedLine }

/**
 * Splits a byte stream into lines as the bytes arrive (a multi-byte character may be cut between chunks; the
 * streaming decoder joins it). Yields each line with its 1-based number; `\r\n` endings are accepted. Bytes that
 * are not UTF-8 become U+FFFD, which `parseOrderLine` rejects, so such a line is reported rather than lost.
 */
export async function* readLines(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new TextDecoder('utf-8')
  let pending = ''
  let line = 0
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true })
    let end = pending.indexOf('\n')
    while (end !== -1) {
      line += 1
      yield { line, text: stripCarriageReturn(pending.slice(0, end)) }
      pending = pending.slice(end + 1)
      end = pending.indexOf('\n')
    }
  }
  pending += decoder.decode()
  if (pending !== '') yield { line: line + 1, text: stripCarriageReturn(pending) }
}

function stripCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text
}

const REPLACEMENT_CHARACTER = '\uFFFD'

/** One line of text → an order, or the reason it is not one. */
export function parseOrderLine(line: number, text: string): ParsedLine {
  if (text.includes(REPLACEMENT_CHARACTER)) return { ok: false, rejected: { line, reason: 'not UTF-8 text' } }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, rejected: { line, reason: 'not valid JSON' } }
  }
  const parsed = OrderLine.safeParse(value)
  if (!parsed.success) {
    const reason = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(line)'}: ${issue.message}`)
      .join('; ')
    return { ok: false, rejected: { line, reason } }
  }
  const order = parsed.data
  return { ok: true, line, order: { ...order, totalCents: order.qty * order.unitPriceCents } }
}
