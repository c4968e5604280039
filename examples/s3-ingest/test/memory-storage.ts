import type { ObjectLocation, ObjectStorage, StorageCallOptions } from '../src/object-storage.js'

/** An in-memory `ObjectStorage` that hands bodies out in chunks of `chunkBytes`, and records every call. */
export function memoryStorage(chunkBytes = 64 * 1024) {
  const objects = new Map<string, { body: Uint8Array; contentType: string }>()
  const calls: { operation: 'read' | 'write'; location: string; signal: AbortSignal | undefined }[] = []
  const id = (location: ObjectLocation) => `${location.bucket}/${location.key}`

  const storage: ObjectStorage = {
    async *readObject(location, options: StorageCallOptions = {}) {
      calls.push({ operation: 'read', location: id(location), signal: options.signal })
      const object = objects.get(id(location))
      if (object === undefined) throw new Error(`NoSuchKey: ${id(location)}`)
      for (let start = 0; start < object.body.length; start += chunkBytes) {
        yield object.body.subarray(start, start + chunkBytes)
      }
    },
    async writeObject(location, body, contentType, options = {}) {
      calls.push({ operation: 'write', location: id(location), signal: options.signal })
      objects.set(id(location), { body: new TextEncoder().encode(body), contentType })
    },
  }

  return {
    storage,
    calls,
    put(bucket: string, key: string, body: string | Uint8Array) {
      objects.set(`${bucket}/${key}`, {
        body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
        contentType: 'application/x-ndjson',
      })
    },
    text(bucket: string, key: string): string | undefined {
      const object = objects.get(`${bucket}/${key}`)
      return object && new TextDecoder().decode(object.body)
    },
    keys: () => [...objects.keys()].sort(),
  }
}
