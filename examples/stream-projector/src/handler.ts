// Placeholder: the stream-projector example is being written.
export const handler = async (): Promise<void> => {}
