// What went wrong connecting, in the user's terms: which of DNS, refused,
// timeout, authentication or host key, and where.
import { WorkbenchError } from '../../../shared/contract/errors';

export type SshFailure = 'dns' | 'refused' | 'timeout' | 'auth' | 'host-key-changed' | 'host-key-rejected' | 'host-key-revoked' | 'lost' | 'protocol';

export class SshError extends WorkbenchError {
  constructor(
    readonly failure: SshFailure,
    message: string,
    where: string,
  ) {
    super({ code: failure === 'timeout' ? 'timeout' : failure === 'auth' || failure.startsWith('host-key') ? 'permission-denied' : 'unavailable', message, where });
  }
}

/** Turn a socket or ssh2 error into an SshError that says which failure it was. */
export function classifyConnectError(error: unknown, where: string): SshError {
  if (error instanceof SshError) return error;
  const e = error as NodeJS.ErrnoException & { level?: string };
  const message = e?.message ?? String(error);
  switch (e?.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new SshError('dns', `the name could not be resolved (DNS: ${e.code})`, where);
    case 'ECONNREFUSED':
      return new SshError('refused', 'the connection was refused (is sshd running on that port?)', where);
    case 'ETIMEDOUT':
      return new SshError('timeout', 'the connection timed out', where);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new SshError('refused', `the host is unreachable (${e.code})`, where);
    case 'ECONNRESET':
    case 'EPIPE':
      return new SshError('lost', `the connection was reset (${e.code})`, where);
  }
  if (e?.level === 'client-authentication') return new SshError('auth', message, where);
  return new SshError('protocol', message, where);
}
