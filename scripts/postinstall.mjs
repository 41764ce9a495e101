// Runs after `npm install` / `npm ci`. Its one job: fetch the Electron binary
// where the network allows it, so the desktop app runs on a laptop, and never
// fail the install where it does not (CI, air-gapped machines): the web host
// and every test run without the binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const installer = path.join(root, 'node_modules', 'electron', 'install.js');

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('[workbench] ELECTRON_SKIP_BINARY_DOWNLOAD is set: not fetching the Electron binary (the web host still works).');
} else if (!existsSync(installer)) {
  console.log('[workbench] electron package not installed (production install?): nothing to fetch.');
} else {
  const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000, encoding: 'utf8' });
  if (result.status === 0) {
    console.log('[workbench] Electron binary ready: `npm start` opens the desktop app.');
  } else {
    const reason = (result.stderr || result.stdout || String(result.error ?? 'unknown error')).split('\n').find((l) => l.trim()) ?? 'unknown error';
    console.log(`[workbench] Could not fetch the Electron binary (${reason.trim()}). ` +
      'That is fine on machines without internet: `npm start` then serves the web host. ' +
      'Run `npx install-electron` later to get the desktop app.');
  }
}
