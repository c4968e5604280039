/** The instrumentation scope every span tsumiki makes carries. */
export const tracerName = '@tsumiki/tracing'
