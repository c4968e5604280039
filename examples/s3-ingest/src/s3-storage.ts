import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { ObjectLocation, ObjectStorage, StorageCallOptions } from './object-storage.js'

/** The core's `ObjectStorage` over S3: the body is streamed as it arrives, every call takes the deadline signal. */
export function s3Storage(client: S3Client): ObjectStorage {
  return {
    async *readObject(location: ObjectLocation, options: StorageCallOptions = {}) {
      const { Body } = await client.send(
        new GetObjectCommand({ Bucket: location.bucket, Key: location.key }),
        { abortSignal: options.signal },
      )
      if (Body === undefined) return
      // In Node.js the body is a Readable stream, which is an async iterable of Buffers.
      if (!isAsyncIterable(Body)) throw new TypeError('GetObject returned a body that is not a stream')
      for await (const chunk of Body) yield chunk as Uint8Array
    },

    async writeObject(location, body, contentType, options = {}) {
      await client.send(
        new PutObjectCommand({
          Bucket: location.bucket,
          Key: location.key,
          Body: body,
          ContentType: contentType,
        }),
        { abortSignal: options.signal },
      )
    },
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value
}
