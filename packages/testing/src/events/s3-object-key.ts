/**
 * An object key as S3 event notifications carry it: form-URL-encoded (spaces as `+`, `(` as `%28`, `+` as
 * `%2B`) but with the `/` separators left as they are.
 */
export function encodeS3EventKey(key: string): string {
  return key.split('/').map(encodeKeySegment).join('/')
}

function encodeKeySegment(segment: string): string {
  // encodeURIComponent leaves !'()~ as they are; S3's form encoding does not.
  return encodeURIComponent(segment)
    .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll('%20', '+')
}
