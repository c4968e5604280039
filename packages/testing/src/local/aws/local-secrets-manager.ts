import { randomUUID } from 'node:crypto'
import { randomAlphanumeric } from '../../aws-values/random-ids.js'
import {
  LocalAwsError,
  requireString,
  unknownOperation,
  validationError,
} from '../../errors/local-aws-error.js'

/** A secret given to `startLocalAws({ secrets })`: its string, or binary bytes. */
export type LocalSecretInit = string | { readonly binary: Uint8Array }

interface StoredSecret {
  readonly name: string
  readonly arn: string
  readonly secretString: string | undefined
  readonly secretBinary: Uint8Array | undefined
  readonly versionId: string
  readonly createdMs: number
}

/** BatchGetSecretValue takes at most 20 ids. */
const maxSecretIdsPerBatch = 20

/** Secrets Manager in memory: GetSecretValue and BatchGetSecretValue (by id list), each secret's current version. */
export class LocalSecretsManager {
  readonly #secrets = new Map<string, StoredSecret>()
  readonly #region: string
  readonly #accountId: string
  readonly #now: () => number

  constructor(region: string, accountId: string, now: () => number) {
    this.#region = region
    this.#accountId = accountId
    this.#now = now
  }

  /** Stores a secret's new current version (a rotation, when it exists); its ARN stays the same. */
  set(name: string, init: LocalSecretInit): void {
    const previous = this.#secrets.get(name)
    this.#secrets.set(name, {
      name,
      // Real ARNs end in a dash and six random characters, so code must not build them from the name.
      arn:
        previous?.arn ??
        `arn:aws:secretsmanager:${this.#region}:${this.#accountId}:secret:${name}-${randomAlphanumeric(6)}`,
      secretString: typeof init === 'string' ? init : undefined,
      secretBinary: typeof init === 'string' ? undefined : init.binary,
      versionId: randomUUID(),
      createdMs: this.#now(),
    })
  }

  delete(name: string): boolean {
    return this.#secrets.delete(name)
  }

  handle(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'GetSecretValue':
        return this.#getSecretValue(input)
      case 'BatchGetSecretValue':
        return this.#batchGetSecretValue(input)
      default:
        throw unknownOperation(operation)
    }
  }

  #find(secretId: string): StoredSecret | undefined {
    const byName = this.#secrets.get(secretId)
    if (byName !== undefined) return byName
    for (const secret of this.#secrets.values()) if (secret.arn === secretId) return secret
    return undefined
  }

  #getSecretValue(input: Record<string, unknown>): unknown {
    const secret = this.#find(requireString(input, 'SecretId'))
    if (secret === undefined) throw notFound()
    return this.#describe(secret)
  }

  #batchGetSecretValue(input: Record<string, unknown>): unknown {
    if (input.Filters !== undefined) {
      throw validationError(
        'The local endpoint supports BatchGetSecretValue with SecretIdList only, not Filters.',
      )
    }
    const ids = input.SecretIdList
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
      throw validationError('SecretIdList: a list of 1 to 20 secret ids is required.')
    }
    if (ids.length > maxSecretIdsPerBatch) {
      throw validationError(`SecretIdList: at most ${maxSecretIdsPerBatch} secret ids per call.`)
    }
    const values: unknown[] = []
    const errors: unknown[] = []
    for (const id of new Set(ids as string[])) {
      const secret = this.#find(id)
      if (secret === undefined) {
        errors.push({ SecretId: id, ErrorCode: 'ResourceNotFoundException', Message: notFound().message })
      } else {
        values.push(this.#describe(secret))
      }
    }
    return { SecretValues: values, Errors: errors }
  }

  #describe(secret: StoredSecret): unknown {
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: secret.versionId,
      ...(secret.secretString === undefined ? {} : { SecretString: secret.secretString }),
      ...(secret.secretBinary === undefined
        ? {}
        : { SecretBinary: Buffer.from(secret.secretBinary).toString('base64') }),
      VersionStages: ['AWSCURRENT'],
      CreatedDate: secret.createdMs / 1000,
    }
  }
}

function notFound(): LocalAwsError {
  return new LocalAwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.")
}
