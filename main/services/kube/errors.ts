// What can go wrong talking to a cluster, said so a user can act on it: the
// API server's own Status message where there is one, the network's reason
// where there is not, a credential plugin's stderr when it failed.
import { WorkbenchError, type ErrorCode } from '../../../shared/contract/errors';
import type { KubeFailure } from '../../../shared/contract/kube';

/** A non-2xx answer from the API server, with its `Status` object's words. */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    /** The Status reason: `NotFound`, `Conflict`, `Expired`, `Forbidden`... */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

/** The connection itself failed (nothing came back from the server). */
export class KubeTransportError extends Error {
  constructor(
    readonly failure: KubeFailure,
    message: string,
  ) {
    super(message);
    this.name = 'KubeTransportError';
  }
}

/** Builds the error for an HTTP answer: the Status message if the body is one, else the body's start. */
export function apiErrorFrom(status: number, body: string, what: string): KubeApiError {
  let reason = '';
  let message = '';
  try {
    const parsed = JSON.parse(body) as { kind?: string; reason?: string; message?: string };
    if (parsed && parsed.kind === 'Status') {
      reason = parsed.reason ?? '';
      message = parsed.message ?? '';
    }
  } catch {
    // Not JSON (a proxy's HTML page, plain text): quote its start below.
  }
  if (!message) message = body.trim().slice(0, 300) || `HTTP ${status}`;
  const prefix = status === 401 ? 'credentials rejected (401): ' : status === 403 ? 'forbidden (403): ' : '';
  return new KubeApiError(status, reason || defaultReason(status), `${prefix}${message}${what ? ` — ${what}` : ''}`);
}

function defaultReason(status: number): string {
  switch (status) {
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'NotFound';
    case 409:
      return 'Conflict';
    case 410:
      return 'Expired';
    case 422:
      return 'Invalid';
    default:
      return status >= 500 ? 'InternalError' : 'BadRequest';
  }
}

/** Names a Node network error in words: "connection refused", "no such host"... */
export function transportErrorFrom(error: NodeJS.ErrnoException, server: string): KubeTransportError {
  const code = error.code ?? '';
  const at = ` (${server})`;
  if (code === 'ECONNREFUSED') return new KubeTransportError('unreachable', `connection refused${at}`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new KubeTransportError('unreachable', `no such host${at}`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return new KubeTransportError('unreachable', `network unreachable${at}`);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new KubeTransportError('unreachable', `the connection was reset${at}`);
  if (code.startsWith('ERR_TLS') || code.startsWith('CERT_') || code.includes('SELF_SIGNED') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new KubeTransportError('tls', `TLS: ${error.message}${at}`);
  }
  return new KubeTransportError('unreachable', `${error.message}${at}`);
}

/** Which failure a thrown error is, for connection states. */
export function failureOf(error: unknown): KubeFailure {
  if (error instanceof KubeTransportError) return error.failure;
  if (error instanceof KubeApiError) {
    if (error.status === 401) return 'unauthorized';
    if (error.status === 403) return 'forbidden';
    return 'protocol';
  }
  if (error instanceof WorkbenchError && error.code === 'timeout') return 'timeout';
  return 'protocol';
}

/** The error to hand the renderer: a WorkbenchError with a code it can branch on. */
export function toWorkbenchError(error: unknown, where: string): WorkbenchError {
  if (error instanceof WorkbenchError) return error.where ? error : new WorkbenchError({ ...error.toData(), where });
  if (error instanceof KubeApiError) {
    const code: ErrorCode =
      error.status === 404 ? 'not-found' : error.status === 409 ? 'conflict' : error.status === 401 || error.status === 403 ? 'permission-denied' : error.status === 422 || error.status === 400 ? 'invalid-request' : 'unavailable';
    return new WorkbenchError({ code, message: error.message, where });
  }
  if (error instanceof KubeTransportError) {
    return new WorkbenchError({ code: error.failure === 'timeout' ? 'timeout' : error.failure === 'credential-plugin' ? 'permission-denied' : 'unavailable', message: error.message, where });
  }
  return WorkbenchError.from(error, { where });
}
