// Errors cross the IPC boundary as plain data, never as Error objects (which
// arrive as bare strings): a code the renderer can branch on, a message a user
// can act on, and where it happened.
import { z } from 'zod';

export const ERROR_CODES = [
  'invalid-request', // a payload failed its schema
  'unknown-call', // no such call in the contract
  'not-found', // the thing named does not exist (any more)
  'timeout', // a call or a network operation took too long
  'unavailable', // the connection to main is gone, or a service cannot run here
  'permission-denied',
  'conflict',
  'io', // a file could not be read or written
  'internal', // a bug: the message says what failed
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const WorkbenchErrorData = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** The contract call it happened in, e.g. `terminals.resize`. */
  call: z.string().optional(),
  /** The payload field at fault, e.g. `cols`. */
  field: z.string().optional(),
  /** A file and line, a host, a cluster: where to look. */
  where: z.string().optional(),
});
export type WorkbenchErrorData = z.infer<typeof WorkbenchErrorData>;

/** The one error type either side throws; serialises to WorkbenchErrorData. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly call?: string;
  readonly field?: string;
  readonly where?: string;

  constructor(data: WorkbenchErrorData) {
    super(data.message);
    this.name = 'WorkbenchError';
    this.code = data.code;
    if (data.call !== undefined) this.call = data.call;
    if (data.field !== undefined) this.field = data.field;
    if (data.where !== undefined) this.where = data.where;
  }

  toData(): WorkbenchErrorData {
    const data: WorkbenchErrorData = { code: this.code, message: this.message };
    if (this.call !== undefined) data.call = this.call;
    if (this.field !== undefined) data.field = this.field;
    if (this.where !== undefined) data.where = this.where;
    return data;
  }

  static from(error: unknown, fallback: Partial<WorkbenchErrorData> = {}): WorkbenchError {
    if (error instanceof WorkbenchError) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new WorkbenchError({ code: 'internal', message, ...fallback });
  }
}

/** One line for a log or a toast: "terminals.resize: cols: expected a number". */
export function describeError(error: WorkbenchErrorData): string {
  const prefix = [error.call, error.field].filter(Boolean).join(': ');
  const where = error.where ? ` (${error.where})` : '';
  return `${prefix ? `${prefix}: ` : ''}${error.message}${where}`;
}
