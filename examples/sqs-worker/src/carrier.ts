/**
 * Stands in for a carrier's API so the example runs anywhere. It refuses one country, to show a single message
 * failing inside an otherwise good batch.
 */
export async function bookWithCarrier(orderId: string, country: string): Promise<string> {
  if (country === 'AQ') throw new Error(`No carrier delivers to ${country}`)
  return `TRACK-${orderId}`
}
