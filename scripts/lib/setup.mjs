// What both README commands do first: make sure the machine has what the app
// and its tests need, installing only what is missing. Written for the
// machine's own Node (any >= 20), since it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.dirname(path.dirname(path.dirname(fileURLToPath(import.meta.url))));
/** The Node the app, tests and benchmarks run on: the `node` package pinned to Electron's major. */
export const PINNED_NODE = path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'node.cmd' : 'node');

export function log(message) {
  console.log(`[workbench] ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Debian packages the tests drive as real peers (Chromium for Playwright, sshd for SSH, ...). */
export function systemPackages(which) {
  const list = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'system-packages.json'), 'utf8'));
  return list[which] ?? [];
}

export function ensureSystemPackages(packages) {
  if (packages.length === 0) return;
  if (!existsSync('/usr/bin/dpkg')) {
    log(`not a Debian-like system: make sure these are installed yourself: ${packages.join(', ')}`);
    return;
  }
  const missing = packages.filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true);
  if (missing.length === 0) return;
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = asRoot ? [] : spawnSync('sudo', ['-n', 'true']).status === 0 ? ['sudo', '-n'] : undefined;
  if (!sudo) {
    log(`missing system packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  log(`installing system packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => (sudo.length ? run(sudo[0], [...sudo.slice(1), 'apt-get', ...args], { env }) : run('apt-get', args, { env }));
  if (apt(['update', '-qq']) !== 0 || apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]) !== 0) {
    log('apt-get failed: see above');
    process.exit(1);
  }
}

/**
 * `npm ci` when node_modules is missing or older than package-lock.json. npm
 * rewrites node_modules/.package-lock.json on every install, so a newer one
 * means the tree matches the lock (a hand-run `npm install` counts).
 */
export function ensureNodeModules() {
  const hidden = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(PINNED_NODE) && existsSync(hidden) && statSync(hidden).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies (npm ci)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (run(npm, ['ci', '--no-audit', '--no-fund']) !== 0) {
    log('npm ci failed: see above');
    process.exit(1);
  }
}

/** Run a step with the pinned Node. */
export function runNode(args, options = {}) {
  return run(PINNED_NODE, args, options);
}
