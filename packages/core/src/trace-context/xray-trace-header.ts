const traceEnvName = '_X_AMZN_TRACE_ID'

// The runtime's per-invocation store (`@aws/lambda-invoke-store`), published on `globalThis.awslambda`.
interface InvokeStoreHolder {
  readonly awslambda?: { readonly InvokeStore?: { readonly getXRayTraceId?: () => unknown } }
}

/**
 * The X-Ray trace header of the invocation `context` belongs to (`Root=1-…;Parent=…;Sampled=1`), or `undefined`
 * when tracing is off. The logger reads its `Root` for `xray_trace_id`; @tsumiki/tracing continues the trace it names.
 *
 * Where Lambda puts it depends on the runtime. With one invocation per process the runtime sets the
 * `_X_AMZN_TRACE_ID` environment variable before each invocation, so it is read now, never cached. On Lambda
 * Managed Instances many invocations share a process and the variable is not set at all: newer runtimes give each
 * invocation's trace header on its context (`xRayTraceId`) and in the runtime's invocation store, an
 * AsyncLocalStorage the runtime enters before calling the handler. They are read in that order.
 */
export function xRayTraceHeaderOf(context: object | undefined): string | undefined {
  return (
    stringOrUndefined(readField(context, 'xRayTraceId')) ??
    stringOrUndefined(fromInvokeStore()) ??
    stringOrUndefined(process.env[traceEnvName])
  )
}

/** The X-Ray trace id (`1-5759e988-bd862e3fe1be46a994272793`, the header's `Root`) of the invocation, or undefined. */
export function xRayTraceIdOf(context: object | undefined): string | undefined {
  const header = xRayTraceHeaderOf(context)
  return header === undefined ? undefined : traceRoot(header)
}

/** `Root=1-…;Parent=…;Sampled=1` → `1-…`; a bare id is returned as is. */
export function traceRoot(header: string): string | undefined {
  if (!header.includes('=')) return header.trim() || undefined
  return traceHeaderField(header, 'Root')
}

/** One field of an X-Ray trace header (`Root`, `Parent`, `Sampled`, `Lineage`), trimmed; undefined when absent or empty. */
export function traceHeaderField(header: string, name: string): string | undefined {
  for (const part of header.split(';')) {
    const separator = part.indexOf('=')
    if (separator > 0 && part.slice(0, separator).trim() === name)
      return part.slice(separator + 1).trim() || undefined
  }
  return undefined
}

function fromInvokeStore(): unknown {
  try {
    return (globalThis as InvokeStoreHolder).awslambda?.InvokeStore?.getXRayTraceId?.()
  } catch {
    return undefined
  }
}

function readField(target: object | undefined, key: string): unknown {
  try {
    return target === undefined || target === null ? undefined : (target as Record<string, unknown>)[key]
  } catch {
    return undefined
  }
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}
