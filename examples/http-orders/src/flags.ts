/** The feature flag the orders function reads: while it is on for a customer, their orders ship express. */
export const expressDeliveryFlag = 'express-delivery'

/**
 * How soon a flag flipped in AppConfig reaches a warm function: the session's poll interval (AppConfig's minimum is
 * 15 s). A flip needs no deploy of the function.
 */
export const flagsMaxAgeMs = 15_000
