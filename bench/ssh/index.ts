// `npm run bench -- ssh [--mb 100] [--runs 3] [--hosts 20]`
// 1. Throughput: 100 MB through an SSH terminal (pty on the host → sshd →
//    ssh2 → main → WebSocket → xterm in Chromium) beside the OpenSSH client
//    running `ssh host cat file` on the same host in the same run.
// 2. Opening 20 terminals on 20 hosts: cold (new connections) and warm (on
//    the pooled connections), beside 20 OpenSSH clients logging in at once.
// 3. Memory per open SSH terminal (web host RSS, page heap).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFleet } from '../../e2e/fixtures/ssh/fleet';
import { generateClientKeys } from '../../e2e/fixtures/ssh/keys';
import { renderKnownHosts, renderSshConfig } from '../../e2e/fixtures/ssh/fleet';
import { startWebHostProcess } from '../../e2e/fixtures/web-host-process';
import { catThroughput, launchChromium, rssMb, waitForPrompt } from '../lib/page';
import { arg, fmt, median, table } from '../lib/stats';
import { line, LINE_BYTES } from '../terminal/payload';

const MB = arg('mb', 100);
const RUNS = arg('runs', 3);
const HOSTS = arg('hosts', 20);
const LINES = Math.floor((MB * 1_000_000) / LINE_BYTES);
const BYTES = LINES * LINE_BYTES;
const PARSED_CHARS = BYTES + LINES;

const work = mkdtempSync(path.join(os.tmpdir(), 'wb-bench-ssh-'));
const file = path.join(work, 'payload.txt');

async function writePayload(): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (let i = 0; i < LINES; i++) {
    chunk += line(i, '\n');
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - start) : reject(new Error(`${command} exited ${code}: ${err}`))));
  });
}

async function main(): Promise<void> {
  console.log(`[bench] ssh: ${MB} MB through an SSH terminal, ${HOSTS} hosts, ${RUNS} runs`);
  await writePayload();
  const keys = await generateClientKeys(work);
  const fleet = await startFleet(HOSTS, { authorizedKeys: [keys.plain.publicKey], prefix: 'bench' });
  const user = os.userInfo().username;
  const sshDir = path.join(work, 'home', '.ssh');
  mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const knownHostsFile = path.join(sshDir, 'known_hosts');
  const configFile = path.join(sshDir, 'config');
  writeFileSync(knownHostsFile, renderKnownHosts(fleet.hosts));
  writeFileSync(configFile, renderSshConfig(fleet.hosts.map((h) => ({ name: h.name, host: h.host, port: h.port })), { user, knownHostsFile, identityFile: keys.plain.privateKeyPath, strictHostKeyChecking: 'yes' }));
  const first = fleet.hosts[0]!;
  const browser = await launchChromium();

  const opensshInXterm: number[] = [];
  const openssh: number[] = [];
  const workbench: number[] = [];
  const opensshLogins: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const perTerminalCold: number[] = [];
  const perTerminalWarm: number[] = [];
  const heapPerTerminal: number[] = [];
  try {
    for (let runNo = 1; runNo <= RUNS; runNo++) {
      // The peer: OpenSSH's client, same host, same file, output discarded as a terminal would consume it.
      openssh.push(BYTES / 1e6 / ((await run('sh', ['-c', `ssh -F ${configFile} ${first.name} cat ${file} > /dev/null`])) / 1000));
      opensshLogins.push(Math.max(...(await Promise.all(fleet.hosts.map((h) => run('ssh', ['-F', configFile, h.name, 'true']))))));

      // A fresh web host each run, so "cold" really means new connections.
      const dataDir = path.join(work, `data-${runNo}`);
      const host = await startWebHostProcess(dataDir, [], { HOME: path.join(work, 'home'), NODE_OPTIONS: '--expose-gc' });
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(host.url);
      await page.waitForFunction(() => window.__workbench?.panes()[0]?.status === 'running');
      const localPane = await page.evaluate(() => window.__workbench!.panes()[0]!.paneId);
      await waitForPrompt(page, localPane);

      // 20 terminals on 20 hosts at once.
      await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
      for (const h of fleet.hosts) await page.locator(`.host-row[data-host-id="${h.name}"] input[type="checkbox"]`).check();
      const heap = async () => {
        await page.evaluate(() => (globalThis as unknown as { gc?: () => void }).gc?.());
        return page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
      };
      const mainMemory = async () => {
        const d = await page.evaluate(() => (window as unknown as { __diagnostics(): Promise<{ heapUsedMb: number; externalMb: number }> }).__diagnostics());
        return d.heapUsedMb + d.externalMb;
      };
      const heapBefore = await heap();
      const mainBefore = await mainMemory();
      const open = async (expected: number) => {
        const t0 = performance.now();
        await page.getByRole('button', { name: `Open ${HOSTS} with broadcast` }).click();
        await page.waitForFunction((n) => document.querySelectorAll('.terminal-pane[data-connection="connected"]').length >= n, expected, { polling: 'raf', timeout: 60_000 });
        return performance.now() - t0;
      };
      cold.push(await open(HOSTS));
      await page.waitForTimeout(500);
      const mainCold = await mainMemory();
      await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
      warm.push(await open(HOSTS * 2));
      await page.waitForTimeout(500);
      const mainWarm = await mainMemory();
      const heapAfter = await heap();
      perTerminalCold.push((mainCold - mainBefore) / HOSTS);
      perTerminalWarm.push((mainWarm - mainCold) / HOSTS);
      heapPerTerminal.push((heapAfter - heapBefore) / 1e6 / (HOSTS * 2));
      void rssMb;
      // Throughput after the memory figures, so its garbage does not blur them.
      for (let i = 0; i < 2; i++) {
        await page.locator('.tab.active .tab-close').click();
        await page.waitForFunction((n) => document.querySelectorAll('.tab[data-tab-id]').length === n, 2 - i);
      }
      await page.locator('.tab[data-tab-id]').first().click();
      // The peer into the same view: OpenSSH's client in a local terminal, its output parsed by the same xterm.
      await page.locator(`.terminal-pane[data-pane-id="${localPane}"] .terminal-host`).click();
      await page.keyboard.type(`ssh -F ${configFile} ${first.name}\n`);
      await page.waitForFunction((id) => window.__workbench!.text(id).includes('ssh -F'), localPane);
      await page.waitForTimeout(1500);
      await waitForPrompt(page, localPane);
      opensshInXterm.push(await catThroughput(page, localPane, file, BYTES, PARSED_CHARS));
      await page.keyboard.type('exit\n');

      // Throughput through one SSH terminal.
      await page.keyboard.press('Control+Shift+P');
      await page.keyboard.type(first.name);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelectorAll('.terminal-pane[data-connection="connected"]').length === 1);
      const sshPane = await page.evaluate(() => document.querySelector<HTMLElement>('.terminal-pane[data-connection="connected"]')!.dataset.paneId!);
      await waitForPrompt(page, sshPane);
      workbench.push(await catThroughput(page, sshPane, file, BYTES, PARSED_CHARS));
      await page.locator('.tab.active .tab-close').click();

      console.log(`[bench] run ${runNo}: OpenSSH into xterm ${fmt(opensshInXterm.at(-1)!)} MB/s (to /dev/null ${fmt(openssh.at(-1)!)}), workbench ${fmt(workbench.at(-1)!)} MB/s; ${HOSTS} terminals cold ${fmt(cold.at(-1)!, 0)} ms, warm ${fmt(warm.at(-1)!, 0)} ms; ${HOSTS} OpenSSH logins ${fmt(opensshLogins.at(-1)!, 0)} ms`);
      await page.close();
      await host.stop();
    }
  } finally {
    await browser.close();
    await fleet.stop();
    rmSync(work, { recursive: true, force: true });
  }

  console.log('');
  console.log(table([
    [`throughput, ${MB} MB cat (median)`, 'MB/s', 'vs OpenSSH into xterm'],
    ['OpenSSH client in a local terminal: ssh host, then cat file (same xterm)', fmt(median(opensshInXterm)), '1.00'],
    ['workbench SSH terminal (ssh2, pooled connection), parsed by xterm', fmt(median(workbench)), fmt(median(workbench) / median(opensshInXterm), 2)],
    ['for reference: OpenSSH client, ssh host cat file > /dev/null (no view)', fmt(median(openssh)), fmt(median(openssh) / median(opensshInXterm), 2)],
  ]));
  console.log('');
  console.log(table([
    [`${HOSTS} terminals on ${HOSTS} hosts (median)`, 'ms', 'vs OpenSSH'],
    [`OpenSSH: ${HOSTS} × ssh host true, in parallel`, fmt(median(opensshLogins), 0), '1.00'],
    ['workbench, cold (new connections), until every pane is connected', fmt(median(cold), 0), fmt(median(cold) / median(opensshLogins), 2)],
    ['workbench, warm (pooled connections)', fmt(median(warm), 0), fmt(median(warm) / median(opensshLogins), 2)],
  ]));
  console.log('');
  const kb = (mb: number) => (mb * 1024 < 8 ? 'under 8 KB (below what a GC-to-GC measure can see)' : `${fmt(mb * 1024, 0)} KB`);
  console.log(`memory per open SSH terminal (median, after GC): main ${kb(median(perTerminalCold))} with its own connection, ${kb(median(perTerminalWarm))} on a pooled one (heap + buffers); page ${kb(median(heapPerTerminal))} (xterm, empty scrollback)`);
  console.log('');
  console.log(`goals: throughput >= 0.5x OpenSSH: ${median(workbench) / median(opensshInXterm) >= 0.5 ? 'met' : 'NOT met'} (${fmt(median(workbench) / median(opensshInXterm), 2)}x into the same xterm); ${HOSTS} terminals ready < 2 s with pooled connections: ${median(warm) < 2000 ? 'met' : 'NOT met'} (${fmt(median(warm), 0)} ms; cold ${fmt(median(cold), 0)} ms)`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
