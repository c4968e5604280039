/**
 * Origins an allow-list must never let through with credentials, whatever it was meant to allow: `null` (sent by
 * sandboxed iframes, `data:` and `file:` pages, so by any attacker who wants to) and a site nobody allowed on
 * purpose. A RegExp that matches one of them allows any origin, or `null`.
 */
const probeOrigins = [
  'null',
  'https://tsumiki-cors-probe.invalid',
  'http://tsumiki-cors-probe.invalid',
  'https://tsumiki-cors-probe.invalid:8443',
]

/**
 * Why an entry of `origins` would allow any origin (or `null`) to read answers made with the caller's cookies, or
 * undefined when it names some origins only: `'*'`; `'null'`; a `*` pattern whose fixed part after the wildcard is
 * less than a domain of two labels (`https://*`, `http://*:8080`, `https://*.com`); a RegExp that matches `null` or
 * an unrelated probe origin (`/.*\/`, `/^https:\/\/.+$/`). A check of intent, not a proof: anchor RegExps (`^…$`).
 */
export function anyOriginReason(origin: string | RegExp): string | undefined {
  if (origin instanceof RegExp) {
    const matched = probeOrigins.find((probe) => {
      origin.lastIndex = 0
      return origin.test(probe)
    })
    origin.lastIndex = 0
    return matched === undefined ? undefined : `the RegExp matches ${JSON.stringify(matched)}`
  }
  if (origin === '*') return "'*' allows any origin"
  if (origin.toLowerCase() === 'null') return 'any sandboxed iframe or data: page sends Origin: null'
  const wildcard = origin.lastIndexOf('*')
  if (wildcard === -1) return undefined
  // What follows the last wildcard, without a port or a path: the domain every allowed host must end in.
  const fixedDomain = origin
    .slice(wildcard + 1)
    .replace(/[:/].*$/, '')
    .replace(/^\./, '')
  const labels = fixedDomain.split('.').filter((label) => label !== '')
  return labels.length >= 2
    ? undefined
    : 'the wildcard stands for any host, or any site of a top-level domain'
}
