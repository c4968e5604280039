import { aString, checkOption, required } from '@tsumiki/core'
import {
  LocalAwsError,
  requireString,
  unknownOperation,
  validationError,
} from '../../errors/local-aws-error.js'

export type LocalParameterType = 'String' | 'StringList' | 'SecureString'

/** A parameter given to `startLocalAws({ parameters })`: its value, or the value with its type. */
export type LocalParameterInit = string | { readonly value: string; readonly type?: LocalParameterType }

interface StoredParameter {
  readonly name: string
  readonly type: LocalParameterType
  readonly value: string
  readonly version: number
  readonly lastModifiedMs: number
}

/** The most names GetParameters takes, and the most results GetParametersByPath returns per page. */
const maxNamesPerGetParameters = 10
const maxResultsPerPage = 10

/** SSM Parameter Store in memory: GetParameter, GetParameters, GetParametersByPath with paging. */
export class LocalSsm {
  readonly #parameters = new Map<string, StoredParameter>()
  readonly #region: string
  readonly #accountId: string
  readonly #now: () => number

  constructor(region: string, accountId: string, now: () => number) {
    this.#region = region
    this.#accountId = accountId
    this.#now = now
  }

  set(name: string, init: LocalParameterInit): void {
    const { value, type = 'String' } = typeof init === 'string' ? { value: init } : init
    checkOption('local SSM', name, value, required(aString))
    const previous = this.#parameters.get(name)
    this.#parameters.set(name, {
      name,
      type,
      value,
      version: (previous?.version ?? 0) + 1,
      lastModifiedMs: this.#now(),
    })
  }

  delete(name: string): boolean {
    return this.#parameters.delete(name)
  }

  handle(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'GetParameter':
        return this.#getParameter(input)
      case 'GetParameters':
        return this.#getParameters(input)
      case 'GetParametersByPath':
        return this.#getParametersByPath(input)
      default:
        throw unknownOperation(operation)
    }
  }

  /** By name, or by ARN as SSM also accepts (`arn:aws:ssm:<region>:<account>:parameter/<name without its leading />`). */
  #find(nameOrArn: string): StoredParameter | undefined {
    const arnPrefix = `arn:aws:ssm:${this.#region}:${this.#accountId}:parameter`
    if (!nameOrArn.startsWith(arnPrefix)) return this.#parameters.get(nameOrArn)
    const path = nameOrArn.slice(arnPrefix.length)
    return this.#parameters.get(path) ?? this.#parameters.get(path.slice(1))
  }

  #getParameter(input: Record<string, unknown>): unknown {
    const name = requireString(input, 'Name')
    const parameter = this.#find(name)
    if (parameter === undefined) throw new LocalAwsError('ParameterNotFound', `Parameter ${name} not found.`)
    return { Parameter: this.#describe(parameter, input.WithDecryption === true) }
  }

  #getParameters(input: Record<string, unknown>): unknown {
    const names = input.Names
    if (!Array.isArray(names) || names.length === 0 || !names.every((name) => typeof name === 'string')) {
      throw validationError('Names: a list of 1 to 10 parameter names is required.')
    }
    if (names.length > maxNamesPerGetParameters) {
      throw validationError(
        `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length less than or equal to ${maxNamesPerGetParameters}`,
      )
    }
    const withDecryption = input.WithDecryption === true
    const found: unknown[] = []
    const invalid: string[] = []
    for (const name of new Set(names as string[])) {
      const parameter = this.#find(name)
      if (parameter === undefined) invalid.push(name)
      else found.push(this.#describe(parameter, withDecryption))
    }
    return { Parameters: found, InvalidParameters: invalid }
  }

  #getParametersByPath(input: Record<string, unknown>): unknown {
    const path = requireString(input, 'Path')
    if (!path.startsWith('/')) throw validationError(`Path ${path}: a hierarchy path must begin with "/".`)
    const maxResults = input.MaxResults ?? maxResultsPerPage
    if (
      typeof maxResults !== 'number' ||
      !Number.isInteger(maxResults) ||
      maxResults < 1 ||
      maxResults > 10
    ) {
      throw validationError('MaxResults: must be an integer from 1 to 10.')
    }
    const prefix = path.endsWith('/') ? path : `${path}/`
    const recursive = input.Recursive === true
    const matching = [...this.#parameters.values()]
      .filter(
        ({ name }) => name.startsWith(prefix) && (recursive || !name.slice(prefix.length).includes('/')),
      )
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const start = input.NextToken === undefined ? 0 : decodeNextToken(input.NextToken)
    const page = matching.slice(start, start + maxResults)
    const withDecryption = input.WithDecryption === true
    const end = start + page.length
    return {
      Parameters: page.map((parameter) => this.#describe(parameter, withDecryption)),
      ...(end < matching.length ? { NextToken: encodeNextToken(end) } : {}),
    }
  }

  #describe(parameter: StoredParameter, withDecryption: boolean): unknown {
    const arnName = parameter.name.startsWith('/') ? parameter.name : `/${parameter.name}`
    return {
      Name: parameter.name,
      Type: parameter.type,
      // Without decryption SSM returns the KMS ciphertext; any opaque stand-in that is not the value will do.
      Value:
        parameter.type === 'SecureString' && !withDecryption
          ? Buffer.from(`kms-ciphertext:${parameter.name}:${parameter.version}`).toString('base64')
          : parameter.value,
      Version: parameter.version,
      LastModifiedDate: parameter.lastModifiedMs / 1000,
      ARN: `arn:aws:ssm:${this.#region}:${this.#accountId}:parameter${arnName}`,
      DataType: 'text',
    }
  }
}

function encodeNextToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString('base64')
}

function decodeNextToken(token: unknown): number {
  try {
    const { offset } = JSON.parse(Buffer.from(String(token), 'base64').toString('utf8')) as {
      offset?: unknown
    }
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset
  } catch {
    // falls through to the error below
  }
  throw validationError('The NextToken is not valid.')
}
