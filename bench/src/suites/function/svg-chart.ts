/** Horizontal grouped bar charts written as SVG text (no chart library): one group per case, one bar per contender. */

export interface ChartBar {
  readonly name: string
  readonly value: number
  /** The text after the bar; the value with `unit` without it. */
  readonly label?: string
}

export interface ChartGroup {
  readonly label: string
  readonly bars: readonly ChartBar[]
}

export interface Chart {
  readonly title: string
  readonly unit: string
  readonly groups: readonly ChartGroup[]
  /** A vertical line and its caption, e.g. a target. */
  readonly marker?: { readonly value: number; readonly label: string }
}

const colours: Record<string, string> = {
  tsumiki: '#d9480f',
  bare: '#868e96',
  Middy: '#1971c2',
  'Middy + Powertools': '#2f9e44',
}
const fallbackColours = ['#7048e8', '#e67700', '#0c8599', '#c2255c']

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export function renderChart(chart: Chart): string {
  const labelWidth = 170
  const plotWidth = 460
  const valueWidth = 110
  const barHeight = 16
  const groupGap = 14
  const top = 52
  const names = [...new Set(chart.groups.flatMap((group) => group.bars.map((bar) => bar.name)))]
  const colourOf = (name: string) =>
    colours[name] ?? fallbackColours[names.indexOf(name) % fallbackColours.length] ?? '#495057'
  const max = Math.max(
    chart.marker?.value ?? 0,
    ...chart.groups.flatMap((group) => group.bars.map((bar) => bar.value)),
    Number.MIN_VALUE,
  )
  const scale = (value: number) => (Math.max(0, value) / max) * plotWidth
  const parts: string[] = []
  let y = top
  for (const group of chart.groups) {
    const groupHeight = group.bars.length * (barHeight + 3)
    parts.push(
      `<text x="${labelWidth - 8}" y="${y + groupHeight / 2 + 4}" text-anchor="end" font-size="12">${escapeXml(group.label)}</text>`,
    )
    for (const bar of group.bars) {
      const width = scale(bar.value)
      parts.push(
        `<rect x="${labelWidth}" y="${y}" width="${width.toFixed(1)}" height="${barHeight}" fill="${colourOf(bar.name)}"><title>${escapeXml(`${bar.name}: ${bar.label ?? `${bar.value} ${chart.unit}`}`)}</title></rect>`,
        `<text x="${(labelWidth + width + 4).toFixed(1)}" y="${y + barHeight - 4}" font-size="11">${escapeXml(bar.label ?? `${formatValue(bar.value)} ${chart.unit}`)}</text>`,
      )
      y += barHeight + 3
    }
    y += groupGap
  }
  const legendY = y + 4
  names.forEach((name, index) => {
    const x = labelWidth + index * 150
    parts.push(
      `<rect x="${x}" y="${legendY}" width="12" height="12" fill="${colourOf(name)}"/>`,
      `<text x="${x + 16}" y="${legendY + 10}" font-size="12">${escapeXml(name)}</text>`,
    )
  })
  if (chart.marker !== undefined) {
    const x = labelWidth + scale(chart.marker.value)
    parts.push(
      `<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${y - groupGap}" stroke="#212529" stroke-dasharray="4 3"/>`,
      `<text x="${x + 3}" y="${top - 9}" font-size="11">${escapeXml(chart.marker.label)}</text>`,
    )
  }
  const height = legendY + 28
  const width = labelWidth + plotWidth + valueWidth
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="12" y="24" font-size="15" font-weight="600">${escapeXml(chart.title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n')
}

function formatValue(value: number): string {
  if (value >= 100) return value.toFixed(0)
  if (value >= 10) return value.toFixed(1)
  return value.toFixed(2)
}
