import type { MetricUnit } from './emf/metric-unit.js'
import { InvalidMetricError } from './errors/invalid-metric-error.js'

type Kind = 'metric' | 'dimension' | 'metadata key'

interface Definition {
  readonly unit: MetricUnit
  readonly highResolution: boolean
}

/**
 * What each name is in one invocation's metrics. Metrics, dimensions and metadata are all members of an EMF line's
 * root, so a name used as two of them would make one overwrite the other; and CloudWatch keeps one unit and
 * resolution per metric. Both are refused where the second use is added.
 */
export class NameRegistry {
  readonly #kinds = new Map<string, Kind>()
  readonly #definitions = new Map<string, Definition>()

  claim(name: string, kind: Kind): void {
    const existing = this.#kinds.get(name)
    if (existing === undefined) this.#kinds.set(name, kind)
    else if (existing !== kind) {
      throw new InvalidMetricError(
        `"${name}" is a ${existing} of these metrics already, so it cannot be a ${kind}: both would be the same member of the EMF line`,
      )
    }
  }

  defineMetric(name: string, unit: MetricUnit, highResolution: boolean): void {
    const defined = this.#definitions.get(name)
    if (defined === undefined) {
      this.claim(name, 'metric')
      this.#definitions.set(name, { unit, highResolution })
      return
    }
    if (defined.unit !== unit || defined.highResolution !== highResolution) {
      throw new InvalidMetricError(
        `Metric "${name}" was added as ${describe(defined.unit, defined.highResolution)}; it cannot be added as ${describe(unit, highResolution)} too`,
      )
    }
  }
}

function describe(unit: MetricUnit, highResolution: boolean): string {
  return `${unit} at ${highResolution ? 'high' : 'standard'} resolution`
}
