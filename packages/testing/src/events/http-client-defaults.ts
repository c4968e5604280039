// Who sends the requests in the HTTP events unless told otherwise. 203.0.113.0/24 is reserved for
// documentation (RFC 5737), so the address can never be mistaken for a real client's.
export const defaultSourceIp = '203.0.113.10'
export const defaultUserAgent = 'curl/8.5.0'

/** One API, as in a real account: its id stays the same while request ids change per event. */
export const defaultApiId = 'a1b2c3d4e5'
