// execCommand against a real sshd: exit codes, and a cancel that really stops the remote processes.
import { execSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateClientKeys } from '../../../e2e/fixtures/ssh/keys';
import { startSshd, type SshdHost } from '../../../e2e/fixtures/ssh/sshd';
import { execCommand } from './exec';

let sshd: SshdHost;
let client: Client;
beforeAll(async () => {
  const keys = await generateClientKeys(mkdtempSync(path.join(os.tmpdir(), 'wb-exec-')));
  sshd = await startSshd({ name: 'exec-host', authorizedKeys: [keys.plain.publicKey] });
  client = new Client();
  await new Promise<void>((resolve, reject) => client.once('ready', () => resolve()).once('error', reject).connect({ host: sshd.host, port: sshd.port, username: os.userInfo().username, privateKey: readFileSync(keys.plain.privateKeyPath), hostVerifier: () => true }));
});
afterAll(async () => {
  client.end();
  await sshd.stop();
});

const running = (pattern: string) => execSync(`pgrep -f "${pattern}" || true`, { encoding: 'utf8' }).trim();

describe('execCommand', () => {
  it('reports exit codes, stdout and stderr, without its own pid line', async () => {
    let out = '';
    let err = '';
    const result = await execCommand(client, 'echo hello; echo oops >&2; exit 3', { onStdout: (d) => (out += d), onStderr: (d) => (err += d) });
    expect(result).toEqual({ exitCode: 3, signalName: null, cancelled: false });
    expect(out).toBe('hello\n');
    expect(err).toBe('oops\n');
  });

  it('never misses the exit status of a command that ends at once', async () => {
    for (let i = 0; i < 30; i++) expect((await execCommand(client, `exit ${i % 5}`)).exitCode).toBe(i % 5);
  });

  it('kills the remote process group on abort', async () => {
    const abort = new AbortController();
    const done = execCommand(client, 'sleep 631 & sleep 632; echo never', { signal: abort.signal, graceMs: 500 });
    await expect.poll(() => running('[s]leep 63[12]').split('\n').filter(Boolean).length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    abort.abort();
    expect((await done).cancelled).toBe(true);
    await expect.poll(() => running('[s]leep 63[12]'), { timeout: 5000 }).toBe('');
  });

  it('a cancel that comes before the host confirmed the command still kills it', async () => {
    const abort = new AbortController();
    const done = execCommand(client, 'sleep 633; echo never', { signal: abort.signal, graceMs: 0 });
    abort.abort(); // before the channel's callback: the command is on its way to the host
    const result = await done;
    expect(result.cancelled).toBe(true);
    expect(result.exitCode).not.toBe(0);
    await expect.poll(() => running('[s]leep 633'), { timeout: 5000 }).toBe('');
  });
});
