/** Colours for a terminal, nothing for a pipe or a file (or when NO_COLOR is set), so logs stay greppable. */
export interface Painter {
  bold(text: string): string
  dim(text: string): string
  green(text: string): string
  red(text: string): string
  yellow(text: string): string
  cyan(text: string): string
}

const ansi =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`

export const colourPainter: Painter = {
  bold: ansi(1, 22),
  dim: ansi(2, 22),
  green: ansi(32, 39),
  red: ansi(31, 39),
  yellow: ansi(33, 39),
  cyan: ansi(36, 39),
}

const same = (text: string): string => text

export const plainPainter: Painter = {
  bold: same,
  dim: same,
  green: same,
  red: same,
  yellow: same,
  cyan: same,
}

export function painterFor(stream: { readonly isTTY?: boolean }): Painter {
  const noColour = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== ''
  return stream.isTTY === true && !noColour ? colourPainter : plainPainter
}
