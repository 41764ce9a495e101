import type { z } from 'zod';
import { WorkbenchError } from '../contract/errors';

/**
 * Parse `value` with `schema`, or throw a WorkbenchError that names the call
 * and the first field at fault: "terminals.resize: cols: expected number".
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, call: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const others = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? 's' : ''})` : '';
  const data = {
    code: 'invalid-request' as const,
    message: `${issue ? humanIssue(issue) : 'invalid payload'}${others}`,
    call,
  };
  throw new WorkbenchError(path ? { ...data, field: path } : data);
}

function humanIssue(issue: z.core.$ZodIssue): string {
  // zod's own messages are already plain ("Invalid input: expected number, received string");
  // drop the generic prefix so the field name leads.
  return issue.message.replace(/^Invalid input: /, '');
}
