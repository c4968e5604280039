const shownIds = 10

/** Record ids for an error message: the first few, so a 10,000-record batch does not make a 400 KB message. */
export function listRecordIds(ids: readonly string[]): string {
  if (ids.length <= shownIds) return ids.join(', ')
  return `${ids.slice(0, shownIds).join(', ')} and ${ids.length - shownIds} more`
}
