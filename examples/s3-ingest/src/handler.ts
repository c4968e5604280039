// Placeholder: the s3-ingest example is being written.
export const handler = async (): Promise<void> => {}
