import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Host } from '../../../shared/contract/hosts';
import { loadRecipeFile, loadRecipes, parseRecipe, RecipeError, summarize } from './recipes';

const dir = mkdtempSync(path.join(tmpdir(), 'recipes-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = `name: hello
params:
  version:
    default: "1.0"
targets:
  hosts: ["web-*", "group:db"]
steps:
  - run: echo {{ params.version }}
  - name: health
    gate:
      http:
        url: http://{{ host.hostname }}/health
        status: 200
`;

/** The problems a recipe text has, as `line:column field: message`. */
function problems(text: string): string[] {
  try {
    parseRecipe(Buffer.from(text), '/r/x.yaml', '/r');
  } catch (err) {
    if (err instanceof RecipeError) return err.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('parseRecipe', () => {
  it('loads a valid recipe with defaults and a 12-digit hash of its bytes', () => {
    const loaded = parseRecipe(Buffer.from(GOOD), '/r/x.yaml', '/r');
    expect(loaded.recipe.name).toBe('hello');
    expect(loaded.recipe.strategy.maxFailures).toBe(1);
    expect(loaded.recipe.steps[1]!.gate!.http!.retries).toBe(10);
    expect(loaded.hash).toBe(createHash('sha256').update(GOOD).digest('hex').slice(0, 12));
  });

  it('places a wrong value at its line, column and field path', () => {
    const text = GOOD.replace('status: 200', 'status: "ok"');
    expect(problems(text)).toEqual(['13:17 steps[1].gate.http.status: expected number, got "ok"']);
  });

  it('names unknown fields at the key', () => {
    const text = GOOD.replace('        status: 200', '        status: 200\n        retry: 3');
    expect(problems(text)).toEqual(['14:9 steps[1].gate.http.retry: unknown field "retry"']);
  });

  it('says what is missing and points at the mapping it belongs in', () => {
    expect(problems('name: x\nsteps:\n  - run: ls\n')).toEqual(['1:1 targets: missing: this field is required (object)']);
  });

  it('reports step-level rules (one action per step)', () => {
    const text = GOOD.replace('  - run: echo {{ params.version }}', '  - run: echo\n    local: echo');
    expect(problems(text)).toEqual(['8:5 steps[0]: a step has one action, this one has run and local']);
    expect(problems(GOOD.replace('  - run: echo {{ params.version }}', '  - name: nothing'))).toEqual([
      expect.stringMatching(/^8:5 steps\[0\]: a step needs one of: run, upload/),
    ]);
  });

  it('gives union fields a readable message', () => {
    expect(problems(GOOD.replace('targets:', 'strategy:\n  batch: lots\ntargets:'))).toEqual([
      '6:10 strategy.batch: a count like 3, a share like 30%, or a template like {{ params.batch }}',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their place', () => {
    const [syntax] = problems('name: x\nsteps: [\n  - run: ls\n');
    expect(syntax).toMatch(/^\d+:\d+ .*YAML: /);
    expect(problems('name: a\nname: b\ntargets: {hosts: [x]}\nsteps: [{run: ls}]\n')).toEqual([expect.stringMatching(/^2:1 name: duplicate key: /)]);
  });

  it('rejects an empty file and a file that is not a mapping', () => {
    expect(problems('')).toEqual([expect.stringContaining('the file is empty')]);
    expect(problems('- a\n- b\n')).toEqual(['1:1 : expected object, got a list']);
  });
});

describe('loadRecipes', () => {
  it('reads *.yaml, *.yml and */recipe.yaml; a bad file is a problem, the rest load; a missing folder is fine', async () => {
    const folder = path.join(dir, 'lib');
    mkdirSync(path.join(folder, 'release'), { recursive: true });
    mkdirSync(path.join(folder, 'empty-dir'));
    writeFileSync(path.join(folder, 'a.yaml'), GOOD);
    writeFileSync(path.join(folder, 'b.yml'), GOOD.replace('name: hello', 'name: other'));
    writeFileSync(path.join(folder, 'broken.yaml'), 'name: x\ntargets: {}\nsteps: []\n');
    writeFileSync(path.join(folder, 'notes.txt'), 'not a recipe');
    writeFileSync(path.join(folder, 'release', 'recipe.yaml'), GOOD.replace('name: hello', 'name: nested'));
    const { recipes, problems: found } = await loadRecipes([folder, path.join(dir, 'missing')]);
    expect(recipes.map((r) => r.recipe.name)).toEqual(['hello', 'other', 'nested']);
    expect(recipes[2]!.file).toBe(path.join(folder, 'release', 'recipe.yaml'));
    expect(recipes[2]!.folder).toBe(folder);
    expect(found.map((p) => `${path.basename(p.file)}:${p.line} ${p.field}`)).toEqual(['broken.yaml:2 targets', 'broken.yaml:3 steps']);
  });

  it('loadRecipeFile throws a RecipeError for an unreadable file', async () => {
    await expect(loadRecipeFile(path.join(dir, 'nope.yaml'), dir)).rejects.toThrow(/cannot read the file/);
  });
});

const host = (id: string, groups: string[] = []): Host => ({ id, hostname: id, port: 22, user: 'u', source: 'inventory', groups, tags: [], notes: '' });

describe('summarize', () => {
  it('lists params (no secret defaults) and counts the hosts the targets name', () => {
    const loaded = parseRecipe(
      Buffer.from(`name: s
params:
  version: {default: "2", description: the version}
  token: {secret: true, default: hunter2}
  ns: {default: shop}
targets:
  hosts: ["web-*", "group:db"]
  kube:
    - {context: prod, namespace: "{{ params.ns }}", workload: deployment/web}
steps: [{run: ls}]
`),
      '/r/s.yaml',
      '/r',
    );
    const summary = summarize(loaded, [host('web-1'), host('web-2'), host('db-1', ['db']), host('cache-1')]);
    expect(summary.targets).toEqual(['hosts: web-*, group:db (3)', 'deployment/web in shop (prod)']);
    expect(summary.params).toEqual([
      { name: 'version', type: 'string', description: 'the version', default: '2', secret: false, required: true },
      { name: 'token', type: 'string', secret: true, required: true },
      { name: 'ns', type: 'string', default: 'shop', secret: false, required: true },
    ]);
    expect(summary).toMatchObject({ file: '/r/s.yaml', folder: '/r', name: 's', stepCount: 1, hash: loaded.hash });
  });
});

describe('record keys', () => {
  it('names a bad parameter name at its key', () => {
    expect(problems('name: x\ntargets: {hosts: [a]}\nparams:\n  a-b: {}\nsteps: [{run: ls}]\n')).toEqual([
      '4:3 params.a-b: invalid name "a-b": parameter names are letters, digits and _',
    ]);
  });
});

describe('unquoted templates', () => {
  it('hints that a value starting with {{ must be quoted', () => {
    expect(problems('name: x\ntargets: {hosts: [a]}\nsteps:\n  - run: {{ params.cmd }}\n')).toEqual([
      '4:10 steps[0].run: expected string, got a mapping (a value that starts with {{ must be quoted: "{{ … }}")',
    ]);
  });
});
