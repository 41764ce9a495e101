// A Workbench in-process, spoken to over the real protocol, with a home of its
// own (so ~/.ssh is the test's, never the machine's) and a way to answer the
// questions SSH asks.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contract } from '../../../../shared/contract';
import type { SshPrompt } from '../../../../shared/contract/ssh';
import type { TerminalEvent } from '../../../../shared/contract/terminals';
import { createApi, RpcClient } from '../../../../shared/rpc/client';
import { createLogger } from '../../log';
import { memoryCarrierPair } from '../../rpc/memory-carrier';
import { Workbench } from '../../workbench';

export interface Harness {
  home: string;
  sshDir: string;
  dataDir: string;
  workbench: Workbench;
  api: ReturnType<typeof createApi<typeof contract>>;
  /** Questions asked so far, oldest first. */
  prompts: SshPrompt[];
  nextPrompt(timeoutMs?: number): Promise<SshPrompt>;
  close(): void;
}

export function startHarness(settings: { reconnectAttempts?: number; reconnectFirstDelayMs?: number } = {}): Harness {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wb-ssh-'));
  const home = path.join(root, 'home');
  const sshDir = path.join(home, '.ssh');
  const dataDir = path.join(root, 'data');
  mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const workbench = new Workbench({ host: 'web', version: 'test', dataDir, home, log: createLogger('test', process.env.WORKBENCH_LOG_LEVEL === 'debug' ? 'debug' : 'silent'), openExternal: async () => false });
  workbench.settings.update({ ssh: settings });
  const pair = memoryCarrierPair();
  workbench.connect(pair.server, { validateEvents: true });
  const api = createApi(contract, new RpcClient(pair.client));
  const prompts: SshPrompt[] = [];
  let seen = 0;
  api.ssh.prompts({}, { onEvent: (p) => prompts.push(p) });
  return {
    home,
    sshDir,
    dataDir,
    workbench,
    api,
    prompts,
    async nextPrompt(timeoutMs = 15_000) {
      const start = Date.now();
      while (prompts.length <= seen) {
        if (Date.now() - start > timeoutMs) throw new Error('no question was asked');
        await new Promise((r) => setTimeout(r, 10));
      }
      return prompts[seen++]!;
    },
    close() {
      pair.close();
      workbench.dispose();
      rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
    },
  };
}

export interface OpenedTerminal {
  id: string;
  events: TerminalEvent[];
  output(): string;
  states(): string[];
  type(text: string): void;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  waitForState(state: string, timeoutMs?: number): Promise<TerminalEvent & { type: 'state' }>;
}

export async function openSsh(h: Harness, hostId: string): Promise<OpenedTerminal> {
  const info = await h.api.terminals.open({ kind: 'ssh', hostId, cols: 100, rows: 30 });
  const events: TerminalEvent[] = [];
  let output = '';
  const sub = h.api.terminals.output(
    { id: info.id },
    {
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'data') {
          output += event.data;
          sub.ack(event.data.length);
        }
      },
    },
  );
  const poll = async <T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> => {
    const start = Date.now();
    for (;;) {
      const found = check();
      if (found !== undefined) return found;
      if (Date.now() - start > timeoutMs) {
        const states = events.filter((e) => e.type === 'state').map((e) => `${e.state}${e.reason ? ` (${e.reason})` : ''}`);
        throw new Error(`timed out waiting for ${what}; states: ${states.join(' → ')}; output tail: ${JSON.stringify(output.slice(-400))}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    id: info.id,
    events,
    output: () => output,
    states: () => events.flatMap((e) => (e.type === 'state' ? [e.state] : [])),
    type: (text) => h.api.terminals.write({ id: info.id, data: text }),
    waitFor: async (pattern, timeoutMs = 15_000) => {
      await poll(() => (pattern.test(output) ? true : undefined), String(pattern), timeoutMs);
    },
    waitForState: (state, timeoutMs = 15_000) =>
      poll(() => [...events].reverse().find((e): e is TerminalEvent & { type: 'state' } => e.type === 'state' && e.state === state), `state ${state}`, timeoutMs),
  };
}
