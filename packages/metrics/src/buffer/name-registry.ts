import type { MetricUnit } from '../emf/metric-unit.js'
import { InvalidMetricError } from '../errors/invalid-metric-error.js'

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
  // One map for both: a metric's entry is its definition, any other name's its kind. One lookup per add.
  readonly #names = new Map<string, Kind | Definition>()

  claim(name: string, kind: Kind): void {
    const existing = this.#names.get(name)
    if (existing === undefined) this.#names.set(name, kind)
    else if (kindOf(existing) !== kind) throw twoKinds(name, kindOf(existing), kind)
  }

  /** `definition` is kept as the metric's (a scope's record of it will do: it has the unit and resolution). */
  defineMetric(name: string, unit: MetricUnit, highResolution: boolean, definition?: Definition): void {
    const existing = this.#names.get(name)
    if (existing === undefined) {
      this.#names.set(name, definition ?? { unit, highResolution })
      return
    }
    if (typeof existing === 'string') throw twoKinds(name, existing, 'metric')
    if (existing.unit !== unit || existing.highResolution !== highResolution) {
      throw new InvalidMetricError(
        `Metric "${name}" was added as ${describe(existing.unit, existing.highResolution)}; it cannot be added as ${describe(unit, highResolution)} too`,
      )
    }
  }
}

function kindOf(entry: Kind | Definition): Kind {
  return typeof entry === 'string' ? entry : 'metric'
}

function twoKinds(name: string, existing: Kind, kind: Kind): InvalidMetricError {
  return new InvalidMetricError(
    `"${name}" is a ${existing} of these metrics already, so it cannot be a ${kind}: both would be the same member of the EMF line`,
  )
}

function describe(unit: MetricUnit, highResolution: boolean): string {
  return `${unit} at ${highResolution ? 'high' : 'standard'} resolution`
}
