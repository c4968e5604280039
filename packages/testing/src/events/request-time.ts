const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** API Gateway's `requestTime` format (the access-log one): `09/Apr/2015:12:34:56 +0000`. */
export function formatRequestTime(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0')
  const day = pad(date.getUTCDate())
  const month = monthNames[date.getUTCMonth()]
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  return `${day}/${month}/${date.getUTCFullYear()}:${time} +0000`
}
