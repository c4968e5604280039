/** Where an object lives. */
export interface ObjectLocation {
  readonly bucket: string
  readonly key: string
}

export interface StorageCallOptions {
  /** Aborts the call (the function's deadline). */
  readonly signal?: AbortSignal
}

/** What the ingest needs from object storage: S3 in production, a Map in the core's tests. */
export interface ObjectStorage {
  /** The object's bytes as they arrive, so a large file is never held whole. */
  readObject(location: ObjectLocation, options?: StorageCallOptions): AsyncIterable<Uint8Array>
  writeObject(
    location: ObjectLocation,
    body: string,
    contentType: string,
    options?: StorageCallOptions,
  ): Promise<void>
}
