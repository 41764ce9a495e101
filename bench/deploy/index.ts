// `npm run bench -- deploy [--hosts 50] [--batch 10] [--runs 3] [--ansible-only]`
// The Deployer-style release of the example recipe (web-release) to 50 lab
// hosts in batches of 10 with its HTTP health gate, beside an Ansible
// playbook taking the same steps with `serial: 10` (bench/deploy/release.yml)
// on the same hosts, in the same run. Each run releases a new version with
// each tool (which goes first alternates), and every host must serve that
// version afterwards, or the bench fails.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDeployLab, type DeployLab } from '../../e2e/fixtures/deploy/lab';
import { ROOT } from '../../e2e/fixtures/paths';
import { createLogger } from '../../main/services/log';
import { Workbench } from '../../main/services/workbench';
import { arg, fmt, median, table } from '../lib/stats';

const HOSTS = arg('hosts', 50);
const BATCH = arg('batch', 10);
const RUNS = arg('runs', 3);
const GOAL = 0.33;
/** Only the Ansible side (to check the playbook and lab on their own): no ratio. */
const ANSIBLE_ONLY = process.argv.includes('--ansible-only');
const RECIPE = path.join(ROOT, 'main', 'services', 'deploy', 'examples', 'web-release', 'recipe.yaml');
const PLAYBOOK = path.join(ROOT, 'bench', 'deploy', 'release.yml');

/** Ansible's view of the lab: each host's SSH address and the variables the playbook uses. */
function writeInventory(lab: DeployLab, file: string): void {
  const lines = [
    '[lab]',
    ...lab.hosts.map((h) => `${h.name} ansible_host=${h.address} ansible_port=${h.sshPort} deploy_path=${path.join(h.dir, 'web')} app_address=${h.address}`),
    '[lab:vars]',
    `ansible_user=${lab.user}`,
    `ansible_ssh_private_key_file=${lab.identityFile}`,
    `ansible_ssh_common_args='-o UserKnownHostsFile=${lab.knownHostsFile} -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'`,
    'ansible_python_interpreter=/usr/bin/python3',
    `app_port=${lab.appPort}`,
    '',
  ];
  writeFileSync(file, lines.join('\n'));
}

/** A release name like the Workbench's (`<UTC stamp>-<tag>`): sorts by time, unique per run. */
function stampFor(tag: string): string {
  return `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${tag}`;
}

interface Timed {
  ms: number;
  code: number | null;
  output: string;
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { env, cwd: path.dirname(PLAYBOOK), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - start, code, output }));
  });
}

async function releaseWithAnsible(lab: DeployLab, work: string, inventory: string, run: number, version: string): Promise<number> {
  // A HOME of its own each run: no ControlPersist socket or fact cache from the run before, like the Workbench's fresh start.
  const home = path.join(work, `ansible-home-${run}`);
  mkdirSync(home);
  const result = await timed('ansible-playbook', ['-i', inventory, PLAYBOOK, '-f', String(BATCH), '-e', `version=${version}`, '-e', `stamp=${stampFor(`a${run}`)}`], {
    ...process.env,
    HOME: home,
    ANSIBLE_LOCAL_TEMP: path.join(home, 'tmp'),
    ANSIBLE_HOST_KEY_CHECKING: 'True',
    // What a tuned setup turns on: one SSH round trip per task instead of put + exec.
    ANSIBLE_PIPELINING: 'True',
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_RETRY_FILES_ENABLED: 'False',
  });
  if (result.code !== 0) throw new Error(`ansible-playbook failed (exit ${result.code}) releasing ${version}:\n${result.output.slice(-4000)}`);
  return result.ms;
}

async function releaseWithWorkbench(lab: DeployLab, work: string, run: number, version: string): Promise<number> {
  // A fresh Workbench each run: it opens every connection, as Ansible does.
  const wb = new Workbench({ host: 'web', version: 'bench', dataDir: path.join(work, `data-${run}`), home: lab.home, log: createLogger('bench', 'silent'), openExternal: async () => false });
  try {
    const start = performance.now();
    const { runId } = await wb.deploy.start({ file: RECIPE, params: { version, deploy_path: lab.deployPathTemplate, port: lab.appPort, batch: BATCH }, only: [], rememberSecrets: false });
    const result = await wb.deploy.finished(runId);
    const ms = performance.now() - start;
    if (result.status !== 'succeeded') {
      const failed = result.targets.filter((t) => t.status !== 'ok').map((t) => `${t.id}: ${t.status}${t.message ? ` (${t.message})` : ''}`);
      throw new Error(`the Workbench release of ${version} ended ${result.status}${result.message ? `: ${result.message}` : ''}\n${failed.slice(0, 10).join('\n')}`);
    }
    if (result.targets.length !== lab.hosts.length) throw new Error(`the Workbench release of ${version} reached ${result.targets.length} targets, not the lab's ${lab.hosts.length}`);
    return ms;
  } finally {
    wb.dispose();
  }
}

/** Every host must serve `version` now; names the ones that do not. */
async function checkServed(lab: DeployLab, version: string, tool: string): Promise<void> {
  const answers = await Promise.all(lab.hosts.map(async (h) => ({ host: h.name, answer: await h.get('/version').catch((error: Error) => ({ status: 0, body: error.message })) })));
  const wrong = answers.filter(({ answer }) => answer.status !== 200 || answer.body.trim() !== version);
  if (wrong.length) {
    const list = wrong.slice(0, 10).map(({ host, answer }) => `${host}: ${answer.status} ${answer.body.trim().slice(0, 100)}`);
    throw new Error(`after the ${tool} release of ${version}, ${wrong.length}/${lab.hosts.length} hosts do not serve it:\n${list.join('\n')}`);
  }
}

async function main(): Promise<void> {
  console.log(`[bench] deploy: ${HOSTS} lab hosts, batches of ${BATCH}, ${RUNS} runs`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'wb-bench-deploy-'));
  const lab = await startDeployLab(HOSTS, { prefix: 'web' });
  const inventory = path.join(work, 'inventory.ini');
  writeInventory(lab, inventory);
  const results = { ansible: [] as number[], workbench: [] as number[] };
  try {
    for (let run = 1; run <= RUNS; run++) {
      const all = [
        async () => {
          const version = `r${run}-ansible`;
          results.ansible.push(await releaseWithAnsible(lab, work, inventory, run, version));
          await checkServed(lab, version, 'Ansible');
        },
        async () => {
          const version = `r${run}-workbench`;
          results.workbench.push(await releaseWithWorkbench(lab, work, run, version));
          await checkServed(lab, version, 'Workbench');
        },
      ];
      const tools = ANSIBLE_ONLY ? all.slice(0, 1) : all;
      // Alternate who goes first: the second one always finds a release to replace.
      for (const release of run % 2 ? tools : tools.reverse()) await release();
      const workbench = ANSIBLE_ONLY ? 'skipped' : `${fmt(results.workbench.at(-1)!, 0)} ms`;
      console.log(`[bench] run ${run}: ansible ${fmt(results.ansible.at(-1)!, 0)} ms, workbench ${workbench}; all ${HOSTS} hosts served each new version`);
    }
  } finally {
    await lab.stop();
    rmSync(work, { recursive: true, force: true, maxRetries: 5 });
  }
  if (ANSIBLE_ONLY) {
    console.log(`\nansible-playbook release.yml, ${HOSTS} hosts, serial ${BATCH}: median ${fmt(median(results.ansible), 0)} ms of ${RUNS} (workbench skipped: --ansible-only)`);
    return;
  }
  const m = { ansible: median(results.ansible), workbench: median(results.workbench) };
  const ratio = m.workbench / m.ansible;
  console.log('');
  console.log(table([
    [`release to ${HOSTS} hosts, batches of ${BATCH}, HTTP health gate (median of ${RUNS})`, 'ms', 'vs ansible'],
    [`ansible-playbook release.yml (serial: ${BATCH}, -f ${BATCH}, pipelining)`, fmt(m.ansible, 0), '1.00'],
    ['workbench deploy (web-release recipe)', fmt(m.workbench, 0), fmt(ratio, 3)],
  ]));
  console.log('');
  console.log(`goal: workbench <= ${GOAL}x ansible: ${ratio <= GOAL ? 'goal met' : 'goal NOT met'} (${fmt(ratio, 3)}x)`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
