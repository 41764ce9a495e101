// `npm start`: install what is missing, build, then open the desktop app
// where Electron can run, else serve the web host and say why, with its URL.
// Options: --web (always the web host), --port N, --data-dir DIR.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureNodeModules, ensureSystemPackages, log, PINNED_NODE, ROOT, runNode, systemPackages } from './lib/setup.mjs';

const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

ensureSystemPackages(systemPackages('start'));
ensureNodeModules();
if (runNode([path.join(ROOT, 'scripts', 'build.mjs')]) !== 0) {
  log('the build failed: see above');
  process.exit(1);
}

function electronBinary() {
  const dir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Why the desktop app cannot open here, or undefined if it can. */
function whyNotDesktop() {
  if (forceWeb) return '--web was given';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
  if (!electronBinary()) {
    if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return 'the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set)';
    log('fetching the Electron binary…');
    const result = spawnSync(PINNED_NODE, [path.join(ROOT, 'node_modules', 'electron', 'install.js')], { encoding: 'utf8', timeout: 180_000 });
    if (!electronBinary()) {
      const reason = (result.stderr || '').split('\n').find((l) => /error/i.test(l))?.trim() ?? 'the download failed';
      return `the Electron binary could not be downloaded (${reason})`;
    }
  }
  return undefined;
}

const reason = whyNotDesktop();
let child;
if (!reason) {
  log('starting the desktop app');
  child = spawn(electronBinary(), [path.join(ROOT, 'dist', 'app', 'main.cjs'), ...passThrough], { stdio: 'inherit', cwd: ROOT });
} else {
  log(`starting the web host instead of the desktop app: ${reason}.`);
  log('open the URL printed below in a browser (it carries the access token; it is served on 127.0.0.1 only).');
  child = spawn(PINNED_NODE, [path.join(ROOT, 'dist', 'web', 'server.cjs'), ...passThrough], { stdio: 'inherit', cwd: ROOT });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
