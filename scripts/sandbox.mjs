// `npm run sandbox`: real test servers (SSH hosts, a bastion with a private
// host, password and two-factor hosts, a Kubernetes API server) for trying
// the app without servers of your own. The parts live in e2e/fixtures/ssh/
// and e2e/fixtures/kube/ (TypeScript, shared with the tests): bundle an entry
// (e2e/fixtures/sandbox.ts) that runs them all and run it on the pinned Node, as bench/run.mjs does.
import { build } from 'esbuild';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// Inside the project, so the bundle resolves its external packages (ssh2, node-pty) from node_modules.
const outfile = path.join(root, 'node_modules', '.cache', 'workbench-sandbox', 'sandbox.mjs');
await build({
  entryPoints: [path.join(root, 'e2e', 'fixtures', 'sandbox.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  absWorkingDir: root,
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
});
const child = spawn(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit', cwd: root, env: { ...process.env, WORKBENCH_ROOT: root } });
// Ctrl+C reaches the sandbox too (same process group): wait for it to stop its servers, then leave with its status.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (sig !== 'SIGINT') child.kill(sig);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
