// One shape for every complaint about a user's file (ssh config, known_hosts,
// Ansible inventory), so the UI can list them together and jump to the line.

export type ProblemSeverity = 'error' | 'warning';

export interface ConfigProblem {
  /** The file the problem is in (an included file names itself, not the file that included it). */
  file: string;
  /** 1-based line number. */
  line: number;
  severity: ProblemSeverity;
  /** What is wrong, in words a user can act on. */
  message: string;
}

export function configError(file: string, line: number, message: string): ConfigProblem {
  return { file, line, severity: 'error', message };
}

export function configWarning(file: string, line: number, message: string): ConfigProblem {
  return { file, line, severity: 'warning', message };
}

/** `error.code` of a Node fs error, e.g. 'ENOENT'. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
