// `npm run bench -- NAME [options]`: bundle bench/NAME/index.ts and run it on
// the pinned Node. Benchmarks print medians and ratios against a peer measured
// in the same run; they are not tests and assert nothing.
import { build } from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(path.join(root, 'bench'), { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(path.join(root, 'bench', d.name, 'index.ts'))).map((d) => d.name);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
  process.exit(2);
}
// The peers a benchmark runs beside (ansible, parallel-ssh, sshd, Chromium), installed when missing.
const { ensureSystemPackages, systemPackages } = await import('../scripts/lib/setup.mjs');
ensureSystemPackages(systemPackages('bench'));
// The whole app once; main and the web host every time (well under a second), so a benchmark never runs stale code.
const parts = existsSync(path.join(root, 'dist', 'web', 'server.cjs')) && existsSync(path.join(root, 'dist', 'renderer')) ? ['main', 'web'] : [];
if (!parts.length) console.log('[bench] building the app first…');
if (spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), ...parts], { stdio: 'inherit' }).status !== 0) process.exit(1);
// Inside the project, so the bundle resolves its external packages from node_modules.
const outfile = path.join(root, 'node_modules', '.cache', 'workbench-bench', `${name}.cjs`);
await build({
  entryPoints: [path.join(root, 'bench', name, 'index.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  // CommonJS, like the app's own bundles: Node's ESM loader cannot see some CommonJS named exports (ssh2's utils).
  format: 'cjs',
  target: 'node24',
  packages: 'external',
  absWorkingDir: root,
  logLevel: 'warning',
  // Fixtures find the repository by import.meta, or by WORKBENCH_ROOT (set below) where a CommonJS bundle has none.
  logOverride: { 'empty-import-meta': 'silent' },
});
const result = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit', cwd: root, env: { ...process.env, WORKBENCH_ROOT: root } });
process.exit(result.status ?? 1);
