import { describe, expect, it } from 'vitest'
import { emfProblems } from '../../../../test/support/emf-validator.js'

/*
 * The validator every EMF line of these tests goes through, checked against the specification: its own example is
 * valid, and each breach of a rule it states is found.
 */

const nowMs = 1_574_109_732_004

/** The specification's "valid example of embedded metric format". */
const specExample = {
  _aws: {
    Timestamp: 1574109732004,
    CloudWatchMetrics: [
      {
        Namespace: 'lambda-function-metrics',
        Dimensions: [['functionVersion']],
        Metrics: [{ Name: 'time', Unit: 'Milliseconds', StorageResolution: 60 }],
      },
    ],
  },
  functionVersion: '$LATEST',
  time: 100,
  requestId: '989ffbf8-9ace-4817-a57c-e4dd734019ee',
}

const line = (document: unknown) => `${JSON.stringify(document)}\n`
const problemsOf = (document: unknown) => emfProblems(line(document), nowMs)

type Mutable = { _aws: { CloudWatchMetrics: Record<string, unknown>[] } & Record<string, unknown> } & Record<
  string,
  unknown
>
function changed(change: (document: Mutable) => void): unknown {
  const document = structuredClone(specExample) as unknown as Mutable
  change(document)
  return document
}
const directive = (document: Mutable) => document._aws.CloudWatchMetrics[0] as Record<string, unknown>

describe('the EMF validator', () => {
  it("accepts the specification's own example, and an empty DimensionSet", () => {
    expect(problemsOf(specExample)).toEqual([])
    expect(
      problemsOf(
        changed((document) => {
          directive(document).Dimensions = [[]]
        }),
      ),
    ).toEqual([])
  })

  it.each([
    ['no _aws', changed((document) => Reflect.deleteProperty(document, '_aws')), 'no "_aws"'],
    [
      'a Timestamp that is not an integer',
      changed((d) => Object.assign(d._aws, { Timestamp: 1.5 })),
      'Timestamp',
    ],
    [
      'a Timestamp three weeks old',
      changed((d) => Object.assign(d._aws, { Timestamp: nowMs - 21 * 86_400_000 })),
      'outside',
    ],
    ['a member _aws does not define', changed((d) => Object.assign(d._aws, { LogGroup: 'x' })), '"LogGroup"'],
    ['no directive', changed((d) => Object.assign(d._aws, { CloudWatchMetrics: [] })), 'CloudWatchMetrics'],
    ['an empty namespace', changed((d) => Object.assign(directive(d), { Namespace: '' })), 'Namespace'],
    [
      'an AWS/ namespace',
      changed((d) => Object.assign(directive(d), { Namespace: 'AWS/Lambda' })),
      'refuses',
    ],
    ['no DimensionSet', changed((d) => Object.assign(directive(d), { Dimensions: [] })), 'Dimensions'],
    [
      '31 dimension keys',
      changed((d) => {
        const keys = Array.from({ length: 31 }, (_, index) => `d${index}`)
        for (const key of keys) d[key] = 'x'
        directive(d).Dimensions = [keys]
      }),
      'over 30',
    ],
    [
      'a dimension that is no member',
      changed((d) => Object.assign(directive(d), { Dimensions: [['region']] })),
      'not a member',
    ],
    [
      'a dimension whose value is a number',
      changed((d) => Object.assign(d, { functionVersion: 7 })),
      'not a string',
    ],
    [
      'a dimension value over 1024 characters',
      changed((d) => Object.assign(d, { functionVersion: 'x'.repeat(1025) })),
      '1024',
    ],
    [
      '101 metric definitions',
      changed((d) => {
        const metrics = Array.from({ length: 101 }, (_, index) => ({ Name: `m${index}` }))
        for (const { Name } of metrics) d[Name] = 1
        directive(d).Metrics = metrics
      }),
      'over 100',
    ],
    ['a metric that is no member', changed((d) => Reflect.deleteProperty(d, 'time')), 'not a member'],
    [
      'a metric whose value is a string',
      changed((d) => Object.assign(d, { time: '100' })),
      'neither a number',
    ],
    [
      '101 values',
      changed((d) => Object.assign(d, { time: Array.from({ length: 101 }, () => 1) })),
      'over 100',
    ],
    [
      'an unknown unit',
      changed((d) => Object.assign(directive(d).Metrics as object[], [{ Name: 'time', Unit: 'Millis' }])),
      'not a CloudWatch unit',
    ],
    [
      'a StorageResolution of 5',
      changed((d) =>
        Object.assign(directive(d).Metrics as object[], [{ Name: 'time', StorageResolution: 5 }]),
      ),
      'not 1 or 60',
    ],
    [
      'a member a directive does not define',
      changed((d) => Object.assign(directive(d), { Extra: true })),
      '"Extra"',
    ],
  ])('refuses a document with %s', (_, document, problem) => {
    expect(problemsOf(document).join('\n')).toContain(problem)
  })

  it('refuses a root member written twice, which JSON.parse would quietly take the last of', () => {
    const text = line(specExample).replace('"time":100', '"time":100,"functionVersion":"1"')
    expect(emfProblems(text, nowMs).join('\n')).toContain('member twice: functionVersion')
  })

  it('refuses two lines, text around the object, and a line over 1 MB', () => {
    expect(emfProblems(`${line(specExample)}${line(specExample)}`, nowMs).join('\n')).toContain(
      'not one line',
    )
    expect(emfProblems(`LOG ${line(specExample)}`, nowMs).join('\n')).toContain('not JSON')
    const huge = changed((d) => Object.assign(d, { requestId: 'x'.repeat(1_048_577) }))
    expect(problemsOf(huge).join('\n')).toContain('over 1 MB')
  })
})
