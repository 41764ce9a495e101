// Real shells through node-pty, driven over the real protocol (in-memory carrier).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import type { WorkbenchErrorData } from '../../../shared/contract/errors';
import type { TerminalEvent } from '../../../shared/contract/terminals';
import { createApi, RpcClient } from '../../../shared/rpc/client';
import { createLogger } from '../log';
import { memoryCarrierPair } from '../rpc/memory-carrier';
import { Workbench } from '../workbench';

let dataDir: string;
let workbench: Workbench;
const cleanups: Array<() => void> = [];

const realHome = process.env.HOME;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'wb-term-'));
  process.env.SHELL = '/bin/bash';
  // The shells read this (empty) home's dotfiles, not the real user's.
  process.env.HOME = path.join(dataDir, 'home');
  mkdirSync(process.env.HOME);
  workbench = new Workbench({ host: 'web', version: 'test', dataDir, log: createLogger('test', 'silent'), openExternal: async () => false });
});

afterEach(() => {
  process.env.HOME = realHome;
  for (const c of cleanups.splice(0)) c();
  workbench.dispose();
  // A shell that is just exiting may still write its history there: retry rather than fail.
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

function connect() {
  const pair = memoryCarrierPair();
  workbench.connect(pair.server, { validateEvents: true });
  const client = new RpcClient(pair.client);
  cleanups.push(() => pair.close());
  return { api: createApi(contract, client), client, close: () => pair.close() };
}

/** A terminal with its output collected; `ack` false leaves flow control unacknowledged. */
async function openTerminal(api: ReturnType<typeof connect>['api'], options: { ack?: boolean; cols?: number } = {}) {
  const info = await api.terminals.open({ kind: 'local', cols: options.cols ?? 80, rows: 24 });
  let output = '';
  let received = 0;
  const events: TerminalEvent[] = [];
  let ended: WorkbenchErrorData | undefined | null = null;
  const sub = api.terminals.output(
    { id: info.id },
    {
      onEvent: (event) => {
        events.push(event);
        if (event.type === 'data') {
          output += event.data;
          received += event.data.length;
          if (options.ack !== false) sub.ack(event.data.length);
        }
      },
      onEnd: (error) => (ended = error),
    },
  );
  const waitFor = async (pattern: RegExp, timeoutMs = 10_000) => {
    const start = Date.now();
    while (!pattern.test(output)) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${pattern}; output so far:\n${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const type = (text: string) => api.terminals.write({ id: info.id, data: text });
  return { info, sub, events, waitFor, type, output: () => output, received: () => received, ended: () => ended };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('local terminals', () => {
  it('runs the login shell and echoes a command\'s output', async () => {
    const { api } = connect();
    const t = await openTerminal(api);
    expect(t.info.shell).toBe('/bin/bash');
    t.type('echo $((6*7))\r');
    await t.waitFor(/[\r\n]42\r\n/);
  });

  it('passes a resize through to the shell', async () => {
    const { api } = connect();
    const t = await openTerminal(api, { cols: 80 });
    api.terminals.resize({ id: t.info.id, cols: 123, rows: 40 });
    t.type('echo cols=$(tput cols) lines=$(tput lines)\r');
    await t.waitFor(/cols=123 lines=40/);
  });

  it('reports the exit status and ends the stream', async () => {
    const { api } = connect();
    const t = await openTerminal(api);
    t.type('exit 3\r');
    await expect.poll(() => t.events.find((e) => e.type === 'exit'), { timeout: 10_000 }).toEqual({ type: 'exit', exitCode: 3, signal: null });
    await expect.poll(() => t.ended()).toBeUndefined();
    await expect(api.terminals.busy({ id: t.info.id })).resolves.toEqual({ busy: false });
  });

  it('knows when a command is running, and closing kills it', async () => {
    const { api } = connect();
    const t = await openTerminal(api);
    await expect(api.terminals.busy({ id: t.info.id })).resolves.toEqual({ busy: false });
    t.type('sleep 30\r');
    await expect.poll(() => api.terminals.busy({ id: t.info.id }), { timeout: 5000 }).toEqual({ busy: true, process: 'sleep' });
    await expect(api.terminals.close({ id: t.info.id })).resolves.toEqual({ closed: true });
    await expect.poll(() => alive(t.info.pid!), { timeout: 5000 }).toBe(false);
  });

  it('pauses the shell while the consumer is behind, and resumes when it catches up', async () => {
    const { api } = connect();
    const t = await openTerminal(api, { ack: false });
    await t.waitFor(/[#$] $/);
    const before = t.received();
    // ~25 MB of output: without flow control it would all arrive within a second.
    t.type('seq 1 3000000; echo FLOOD-$((40+2))\r');
    await new Promise((r) => setTimeout(r, 1500));
    const held = t.received() - before;
    const { highWatermark } = contract.terminals.output.flow;
    expect(held).toBeGreaterThan(0);
    // At most the window plus what was already read when the pause took effect.
    expect(held).toBeLessThan(highWatermark + 512 * 1024);
    expect(t.output()).not.toMatch(/FLOOD-42/);
    // Catch up: acknowledge as we go and the flood completes.
    t.sub.ack(t.received());
    const catchUp = setInterval(() => t.sub.ack(64 * 1024), 1);
    cleanups.push(() => clearInterval(catchUp));
    await t.waitFor(/FLOOD-42/, 60_000);
    expect(t.output()).toMatch(/[\r\n]3000000\r\n/);
  }, 90_000);

  it('keeps one window\'s terminal out of another\'s reach', async () => {
    const first = connect();
    const second = connect();
    const t = await openTerminal(first.api);
    const notices: WorkbenchErrorData[] = [];
    second.client.onNotice((e) => notices.push(e));
    second.api.terminals.write({ id: t.info.id, data: 'echo intruder\r' });
    await expect(second.api.terminals.busy({ id: t.info.id })).rejects.toMatchObject({ code: 'not-found' });
    await expect.poll(() => notices).toEqual([expect.objectContaining({ code: 'not-found', call: 'terminals.write' })]);
    t.type('echo owner-ok\r');
    await t.waitFor(/owner-ok\r\n/);
    expect(t.output()).not.toContain('intruder');
  });

  it('ends every shell of a window when its connection closes', async () => {
    const conn = connect();
    const a = await openTerminal(conn.api);
    const b = await openTerminal(conn.api);
    expect(workbench.terminals.count).toBe(2);
    conn.close();
    expect(workbench.terminals.count).toBe(0);
    await expect.poll(() => alive(a.info.pid!) || alive(b.info.pid!), { timeout: 5000 }).toBe(false);
  });
});
