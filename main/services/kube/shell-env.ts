// An app started from a desktop launcher does not inherit what the user's
// shell profile sets (PATH above all), so `aws`, `gke-gcloud-auth-plugin` or
// `kubelogin` named by a kubeconfig are "not found". Like VS Code and Lens we
// ask the login shell once, at start, for its environment; a profile that
// hangs costs at most the timeout and the process's own environment is used.
import { spawn } from 'node:child_process';

const MARK = '__WORKBENCH_ENV__';

export interface ShellEnvResult {
  env: NodeJS.ProcessEnv;
  /** Why the login shell's environment is not used, if it is not. */
  problem?: string;
}

export function captureLoginShellEnvironment(options: { shell?: string; timeoutMs?: number; baseEnv?: NodeJS.ProcessEnv } = {}): Promise<ShellEnvResult> {
  const baseEnv = options.baseEnv ?? process.env;
  const shell = options.shell || baseEnv.SHELL || '/bin/sh';
  const timeoutMs = options.timeoutMs ?? 5000;
  if (process.platform === 'win32') return Promise.resolve({ env: { ...baseEnv } });
  return new Promise((resolve) => {
    let out = '';
    let settled = false;
    const finish = (result: ShellEnvResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // -i and -l: both the login profile and the interactive rc (where most PATH edits live).
    const child = spawn(shell, ['-ilc', `printf '%s' '${MARK}'; command env -0; printf '%s' '${MARK}'`], {
      env: { ...baseEnv, WORKBENCH_RESOLVING_ENVIRONMENT: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    const timer = setTimeout(() => {
      killGroup(child.pid);
      finish({ env: { ...baseEnv }, problem: `the login shell (${shell}) did not print its environment within ${timeoutMs} ms` });
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', (error) => finish({ env: { ...baseEnv }, problem: `could not start the login shell ${shell}: ${error.message}` }));
    child.on('close', () => {
      const start = out.indexOf(MARK);
      const end = out.lastIndexOf(MARK);
      if (start < 0 || end <= start) {
        finish({ env: { ...baseEnv }, problem: `the login shell (${shell}) printed no environment` });
        return;
      }
      const shellEnv: NodeJS.ProcessEnv = {};
      for (const entry of out.slice(start + MARK.length, end).split('\0')) {
        const eq = entry.indexOf('=');
        if (eq > 0) shellEnv[entry.slice(0, eq)] = entry.slice(eq + 1);
      }
      finish({ env: mergeShellEnvironment(baseEnv, shellEnv) });
    });
  });
}

/**
 * The process's environment with the shell's added: the shell's PATH entries
 * first (that is where the plugins are), then the process's; variables the
 * process lacks (AWS_PROFILE, ...) are added; those it has are kept.
 */
export function mergeShellEnvironment(base: NodeJS.ProcessEnv, shell: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...base };
  for (const [key, value] of Object.entries(shell)) {
    if (value === undefined || key === 'WORKBENCH_RESOLVING_ENVIRONMENT' || key === '_' || key === 'SHLVL' || key === 'PWD' || key === 'OLDPWD') continue;
    if (!(key in merged)) merged[key] = value;
  }
  const entries = [...(shell.PATH ?? '').split(':'), ...(base.PATH ?? '').split(':')].filter(Boolean);
  merged.PATH = [...new Set(entries)].join(':');
  return merged;
}

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
