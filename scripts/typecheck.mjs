// tsc --noEmit over each environment's tsconfig: a file's folder decides
// which globals it sees (Node for main/, DOM for renderer/, neither for shared/).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let failed = 0;
for (const project of ['tsconfig.json', 'shared/tsconfig.json', 'renderer/tsconfig.json', 'preload/tsconfig.json', 'e2e/tsconfig.json', 'bench/tsconfig.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit', '--pretty'], { cwd: root, stdio: 'inherit' });
  console.log(`[typecheck] ${project}: ${result.status === 0 ? 'ok' : 'errors'}`);
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
