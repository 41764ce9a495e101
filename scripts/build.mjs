// Build everything into dist/: the renderer with Vite, and main (Electron
// host), the preload and the web host with esbuild. esbuild because these are
// Node/Electron bundles that need no HTML pipeline: it bundles each entry to
// one CommonJS file in well under a second, leaving native and runtime
// dependencies (node-pty, ssh2, ...) to node_modules.
import { build as esbuild } from 'esbuild';
import { readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2);
const wants = (part) => only.length === 0 || only.includes(part);

const common = {
  bundle: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { __WORKBENCH_VERSION__: JSON.stringify(pkg.version) },
  absWorkingDir: root,
};
const nodeTarget = { ...common, platform: 'node', target: 'node24', format: 'cjs', packages: 'external' };

const started = Date.now();
const jobs = [];
if (wants('main')) {
  jobs.push(esbuild({ ...nodeTarget, entryPoints: ['main/app/main.ts'], outfile: 'dist/app/main.cjs', external: ['electron'] }));
}
if (wants('preload')) {
  // A sandboxed preload may only require('electron'): everything else is bundled in.
  jobs.push(esbuild({ ...common, platform: 'browser', target: 'chrome130', format: 'cjs', entryPoints: ['preload/index.ts'], outfile: 'dist/preload/preload.cjs', external: ['electron'] }));
}
if (wants('web')) {
  jobs.push(esbuild({ ...nodeTarget, entryPoints: ['main/web/cli.ts'], outfile: 'dist/web/server.cjs' }));
}
if (wants('main') || wants('web')) {
  // The example recipes ship with the app, read-only: main finds them beside its bundle (dist/examples/deploy).
  jobs.push(cp(path.join(root, 'main/services/deploy/examples'), path.join(root, 'dist/examples/deploy'), { recursive: true, force: true }));
}
await Promise.all(jobs);
if (wants('renderer')) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
console.log(`[build] ${only.length ? only.join(', ') : 'renderer, main, preload, web'} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
