// `npm run bench -- fleet [--hosts 50] [--runs 3]`
// One health sweep over 50 sshd hosts: cold (new connections) and warm (pooled),
// beside Ansible (`ansible all -m shell -a '<probe>' -f 50`) and parallel-ssh
// (`parallel-ssh -p 50 -h hosts '<probe>'`) running the same probe on the same
// hosts in the same run.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderKnownHosts, renderSshConfig, startFleet } from '../../e2e/fixtures/ssh/fleet';
import { generateClientKeys } from '../../e2e/fixtures/ssh/keys';
import { createLogger } from '../../main/services/log';
import { PROBE_SCRIPT } from '../../main/services/fleet/probe';
import { Workbench } from '../../main/services/workbench';
import { arg, fmt, median, table } from '../lib/stats';

const HOSTS = arg('hosts', 50);
const RUNS = arg('runs', 3);

function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; ok: number; failed: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      const ms = performance.now() - start;
      // ansible: "host | CHANGED | rc=0"; parallel-ssh: "[n] ... [SUCCESS] host".
      const ok = (out.match(/\| CHANGED \||\[SUCCESS\]/g) ?? []).length;
      const failed = (out.match(/\| (FAILED|UNREACHABLE)!?|\[FAILURE\]/g) ?? []).length;
      resolve({ ms, ok, failed });
    });
  });
}

async function main(): Promise<void> {
  console.log(`[bench] fleet: ${HOSTS} sshd hosts, ${RUNS} runs`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'wb-bench-fleet-'));
  const keys = await generateClientKeys(work);
  const fleet = await startFleet(HOSTS, { authorizedKeys: [keys.plain.publicKey], prefix: 'b' });
  const user = os.userInfo().username;
  const home = path.join(work, 'home');
  const sshDir = path.join(home, '.ssh');
  mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const knownHostsFile = path.join(sshDir, 'known_hosts');
  writeFileSync(knownHostsFile, renderKnownHosts(fleet.hosts));
  writeFileSync(path.join(sshDir, 'config'), renderSshConfig(fleet.hosts.map((h) => ({ name: h.name, host: h.host, port: h.port })), { user, knownHostsFile, identityFile: keys.plain.privateKeyPath }));
  const sshOptions = ['-o', `UserKnownHostsFile=${knownHostsFile}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'IdentitiesOnly=yes', '-i', keys.plain.privateKeyPath, '-o', 'BatchMode=yes'];

  // Ansible's inventory and parallel-ssh's host list for the same hosts.
  const inventory = path.join(work, 'inventory.ini');
  writeFileSync(inventory, ['[fleet]', ...fleet.hosts.map((h) => `${h.name} ansible_host=${h.host} ansible_port=${h.port} ansible_user=${user}`), '[fleet:vars]', `ansible_ssh_private_key_file=${keys.plain.privateKeyPath}`, `ansible_ssh_common_args='-o UserKnownHostsFile=${knownHostsFile} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'`, 'ansible_python_interpreter=/usr/bin/python3', ''].join('\n'));
  const hostsFile = path.join(work, 'pssh-hosts');
  writeFileSync(hostsFile, fleet.hosts.map((h) => `${h.host}:${h.port} ${user}`).join('\n') + '\n');

  const results = { coldWb: [] as number[], warmWb: [] as number[], ansible: [] as number[], pssh: [] as number[] };
  let check = '';
  try {
    for (let run = 1; run <= RUNS; run++) {
      // A fresh Workbench each run, so the first sweep opens every connection.
      const dataDir = path.join(work, `data-${run}`);
      const workbench = new Workbench({ host: 'web', version: 'bench', dataDir, home, log: createLogger('bench', 'silent'), openExternal: async () => false });
      workbench.settings.update({ fleet: { concurrency: HOSTS, timeoutS: 30 } });
      const cold = await workbench.fleet.monitor.sweep();
      const warm = await workbench.fleet.monitor.sweep();
      const okCold = cold.hosts.filter((h) => h.status !== 'unreachable').length;
      const okWarm = warm.hosts.filter((h) => h.status !== 'unreachable').length;
      results.coldWb.push(cold.durationMs);
      results.warmWb.push(warm.durationMs);
      workbench.dispose();

      // Each Ansible run starts cold too: its own HOME, so no ControlPersist socket from before.
      const ansibleHome = path.join(work, `ansible-${run}`);
      mkdirSync(ansibleHome);
      const ansible = await timed('ansible', ['all', '-i', inventory, '-m', 'shell', '-a', PROBE_SCRIPT, '-f', String(HOSTS)], {
        ...process.env,
        HOME: ansibleHome,
        ANSIBLE_LOCAL_TEMP: path.join(ansibleHome, 'tmp'),
        ANSIBLE_HOST_KEY_CHECKING: 'True',
        ANSIBLE_NOCOLOR: '1',
      });
      results.ansible.push(ansible.ms);
      const pssh = await timed('parallel-ssh', ['-p', String(HOSTS), '-t', '60', '-h', hostsFile, ...sshOptions.flatMap((o) => ['-x', o]), PROBE_SCRIPT], process.env);
      results.pssh.push(pssh.ms);
      check = `last run answered: workbench ${okCold}/${HOSTS} cold, ${okWarm}/${HOSTS} warm; ansible ${ansible.ok} ok, ${ansible.failed} failed; parallel-ssh ${pssh.ok} ok, ${pssh.failed} failed`;
      console.log(`[bench] run ${run}: workbench cold ${fmt(cold.durationMs, 0)} ms, warm ${fmt(warm.durationMs, 0)} ms; ansible ${fmt(ansible.ms, 0)} ms; parallel-ssh ${fmt(pssh.ms, 0)} ms`);
    }
  } finally {
    await fleet.stop();
    rmSync(work, { recursive: true, force: true, maxRetries: 5 });
  }
  const m = { cold: median(results.coldWb), warm: median(results.warmWb), ansible: median(results.ansible), pssh: median(results.pssh) };
  console.log('');
  console.log(check);
  console.log('');
  console.log(table([
    [`one health sweep over ${HOSTS} hosts (median of ${RUNS})`, 'ms', 'vs ansible', 'vs parallel-ssh'],
    [`ansible all -m shell -a <probe> -f ${HOSTS}`, fmt(m.ansible, 0), '1.00', fmt(m.ansible / m.pssh, 2)],
    [`parallel-ssh -p ${HOSTS} <probe>`, fmt(m.pssh, 0), fmt(m.pssh / m.ansible, 2), '1.00'],
    ['workbench, cold (new connections)', fmt(m.cold, 0), fmt(m.cold / m.ansible, 3), fmt(m.cold / m.pssh, 2)],
    ['workbench, warm (pooled connections)', fmt(m.warm, 0), fmt(m.warm / m.ansible, 3), fmt(m.warm / m.pssh, 2)],
  ]));
  console.log('');
  console.log(`goals: cold <= 0.1x ansible: ${m.cold / m.ansible <= 0.1 ? 'met' : 'NOT met'} (${fmt(m.cold / m.ansible, 3)}x); cold <= 0.5x parallel-ssh: ${m.cold / m.pssh <= 0.5 ? 'met' : 'NOT met'} (${fmt(m.cold / m.pssh, 2)}x); warm < 300 ms for ${HOSTS}: ${m.warm < 300 ? 'met' : 'NOT met'} (${fmt(m.warm, 0)} ms)`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
