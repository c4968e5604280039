/**
 * What a flag's rules are evaluated against: the caller's context (a user id, a country, a plan), as AppConfig's
 * agent takes it in its `Context` header. Strings there; numbers, booleans and dates here too.
 */
export type FlagContextValue = string | number | boolean | Date | null | undefined

export type FlagContext = Readonly<Record<string, FlagContextValue>>

/** A compiled rule: true when the context selects its variant. Never throws. */
export type FlagRule = (context: FlagContext) => boolean
