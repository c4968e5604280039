import { HttpError } from '../errors/http-error.js'

// `.` or `..` between separators, or a separator first (an absolute path); a backslash counts, as Windows paths
// and some normalisers read it.
const outsidePath = /(?:^|[/\\])\.\.?(?:[/\\]|$)|^[/\\]/
// An escape some decoder acts on: `%2e`, and the non-standard `%u002e` that `unescape()` reads.
const anyEscape = /%(?:[0-9a-f]{2}|u[0-9a-f]{4})/i
const nonStandardEscape = /%u[0-9a-f]{4}/i
// A `%` that starts no escape is a character of its own (`100%`): kept as it is when decoding again.
const lonePercent = /%(?![0-9a-f]{2})/gi
/** How many more times a value is decoded to look for a dot segment; a value still encoded after that is refused. */
const maxDecodings = 4

/**
 * True when a greedy parameter's value holds a dot segment (`.` or `..`, between `/` or `\`) or starts with a
 * separator (an absolute path, smuggled as `%2F`), as it is or decoded again, and again (a client's `%252e%252e` is
 * `%2e%2e` after the front door's decoding, and `..` after a handler's): a value a handler would turn into a path
 * outside the directory it meant. Also true for what only a lenient decoder reads (an overlong UTF-8 form such as
 * `%c0%ae`, which is not valid UTF-8; a `%u002e`), and for a value still encoded after four more decodings.
 * `a%2Fb` (`a/b`), `.hidden`, `a..b` and `100%` are not refused.
 */
export function leavesItsDirectory(value: string): boolean {
  let text = value
  for (let decodings = 0; ; decodings++) {
    if (outsidePath.test(text)) return true
    if (!anyEscape.test(text)) return false
    if (decodings === maxDecodings || nonStandardEscape.test(text)) return true
    try {
      text = decodeURIComponent(text.replace(lonePercent, '%25'))
    } catch {
      // Escapes that are not UTF-8: overlong forms of `.` and `/` among them.
      return true
    }
  }
}

/** The answer to a request whose greedy parameter would leave its directory: a 400 naming the parameter. */
export function dotSegmentError(name: string): HttpError {
  return new HttpError(
    400,
    `The path parameter "${name}" must not hold a "." or ".." segment nor start with "/" or "\\", in any encoding`,
    { details: { pathParam: name } },
  )
}
