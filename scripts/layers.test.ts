// The layer rule must bite: each case is an import the architecture forbids,
// linted as if it sat in that folder.
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer rule (docs/architecture.md)', () => {
  it('stops the renderer from using Node built-ins', async () => {
    expect(await problems('renderer/features/terminals/bad.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"))
      .toEqual([expect.stringContaining('no-restricted-imports')]);
  });

  it('stops the renderer from importing main', async () => {
    expect(await problems('renderer/features/terminals/bad.ts', "import { createLogger } from '../../../main/services/log';\nexport const f = createLogger;\n"))
      .toEqual([expect.stringContaining('import-x/no-restricted-paths')]);
  });

  it('stops shared/ from importing electron or Node', async () => {
    const found = await problems('shared/lib/bad.ts', "import { app } from 'electron';\nimport os from 'os';\nexport const f = [app, os];\n");
    expect(found).toHaveLength(2);
    expect(found.every((p) => p.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('stops services from importing a host', async () => {
    expect(await problems('main/services/terminals/bad.ts', "import { APP_ORIGIN } from '../../app/origin';\nexport const f = APP_ORIGIN;\n"))
      .toEqual([expect.stringContaining('import-x/no-restricted-paths')]);
  });

  it('stops the preload from reaching into main', async () => {
    expect(await problems('preload/bad.ts', "import { Workbench } from '../main/services/workbench';\nexport const f = Workbench;\n"))
      .toEqual([expect.stringContaining('import-x/no-restricted-paths')]);
  });

  it('lets the renderer import the shared contract', async () => {
    expect(await problems('renderer/features/terminals/good.ts', "import { contract } from '../../../shared/contract';\nexport const f = contract;\n")).toEqual([]);
  });
});
