import { afterEach, describe, expect, it, vi } from 'vitest'
import { resolveConfig } from '../../src/config/resolve-config.js'
import { drawSample } from '../../src/create-logger/sampling.js'

afterEach(() => {
  vi.unstubAllEnvs()
  delete (globalThis as { awslambda?: unknown }).awslambda
})

describe('configuration from options and environment', () => {
  it('takes the level from AWS_LAMBDA_LOG_LEVEL, then the options, then TSUMIKI_LOG_LEVEL, then info', () => {
    expect(resolveConfig({}, {}).level).toBe('info')
    expect(resolveConfig({}, { TSUMIKI_LOG_LEVEL: 'DEBUG' }).level).toBe('debug')
    expect(resolveConfig({ level: 'error' }, { TSUMIKI_LOG_LEVEL: 'debug' }).level).toBe('error')
    expect(resolveConfig({ level: 'error' }, { AWS_LAMBDA_LOG_LEVEL: 'TRACE' }).level).toBe('trace')
    expect(resolveConfig({}, { AWS_LAMBDA_LOG_LEVEL: 'WARNING' }).level).toBe('warn')
  })

  it('takes the sample rate from the options, then TSUMIKI_LOG_SAMPLE_RATE, and ignores a bad value with a warning', () => {
    expect(resolveConfig({}, { TSUMIKI_LOG_SAMPLE_RATE: '0.25' }).sampleRate).toBe(0.25)
    expect(resolveConfig({ sampleRate: 1 }, { TSUMIKI_LOG_SAMPLE_RATE: '0.25' }).sampleRate).toBe(1)
    const bad = resolveConfig({}, { TSUMIKI_LOG_SAMPLE_RATE: 'often' })
    expect(bad.sampleRate).toBe(0)
    expect(bad.warnings).toEqual(['TSUMIKI_LOG_SAMPLE_RATE=often is not a number from 0 to 1; it is ignored'])
  })

  it('keeps sampling from going below Lambda’s level', () => {
    expect(resolveConfig({}, { AWS_LAMBDA_LOG_LEVEL: 'INFO' }).floorLevel).toBe('info')
    expect(resolveConfig({}, {}).floorLevel).toBeUndefined()
  })
})

describe('sampling', () => {
  it('never samples at 0, always at 1, else when the draw is below the rate', () => {
    expect(drawSample(0, () => 0)).toBe(false)
    expect(drawSample(1, () => 0.999)).toBe(true)
    expect(drawSample(0.3, () => 0.29)).toBe(true)
    expect(drawSample(0.3, () => 0.3)).toBe(false)
  })
})
