import { sha256 } from './fingerprint.js'

/**
 * The id a key's record is stored under: `scope#sha256(key)`, or `scope#sha256(caller)#sha256(key)` when the key is
 * the caller's own. Hashed, the caller and the key are 43 characters of base64url each, whatever they hold, so no
 * caller or key (a `#`, a huge one, another caller's spelling) can make another's id; and the two forms differ in
 * length, so a key sent without a caller never lands on a caller's record.
 */
export function recordIdOf(scope: string, caller: string | undefined, key: string): string {
  return caller === undefined ? `${scope}#${sha256(key)}` : `${scope}#${sha256(caller)}#${sha256(key)}`
}
