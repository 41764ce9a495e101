// Recipe files: read, parse and validate, with every problem placed at its
// file, line, column and field (`steps[2].gate.http.status`) — a recipe is
// edited by hand in a repository, so "invalid input" alone would be useless.
//
// YAML is parsed with a LineCounter and kept as a document (not plain JS) so a
// zod issue's path can be walked back to the node it is about.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import type { RecipeProblem, RecipeSummary, RecipeParamInfo } from '../../../shared/contract/deploy';
import type { Host } from '../../../shared/contract/hosts';
import { isTemplated, Recipe } from '../../../shared/deploy/recipe';
import { matchHosts } from './targets';
import { buildScope, renderTemplate } from './template';
import type { LoadedRecipe } from './types';

/** A recipe file that cannot be used, with every problem found in it. */
export class RecipeError extends Error {
  constructor(readonly problems: RecipeProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'RecipeError';
  }
}

/** `deploy.yaml:12:5 steps[2].gate.http.status: expected number` */
export function formatProblem(p: RecipeProblem): string {
  return `${p.file}:${p.line}:${p.column}${p.field ? ` ${p.field}` : ''}: ${p.message}`;
}

/** sha256 of the bytes, first 12 hex digits: the version history records. */
export function recipeHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

/**
 * Read and validate one recipe. `folder` is the recipes folder it was found
 * in (shown in the list); files a recipe names are relative to the file's own
 * directory.
 */
export async function loadRecipeFile(file: string, folder: string): Promise<LoadedRecipe> {
  const absolute = path.resolve(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (err) {
    throw new RecipeError([{ file: absolute, line: 1, column: 1, field: '', message: `cannot read the file: ${(err as Error).message}` }]);
  }
  return parseRecipe(bytes, absolute, path.resolve(folder));
}

/** Validate a recipe's bytes (the pure half of loadRecipeFile). */
export function parseRecipe(bytes: Uint8Array, file: string, folder: string): LoadedRecipe {
  const text = Buffer.from(bytes).toString('utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  if (doc.errors.length > 0) {
    throw new RecipeError(
      doc.errors.map((e) => ({ file, ...at(e.pos[0]), field: formatPath(pathAt(doc, e.pos[0])), message: yamlMessage(e.code, e.message) })),
    );
  }
  if (doc.contents === null) throw new RecipeError([{ file, line: 1, column: 1, field: '', message: 'the file is empty: a recipe needs at least name, targets and steps' }]);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    throw new RecipeError([{ file, line: 1, column: 1, field: '', message: (err as Error).message }]);
  }
  const parsed = Recipe.safeParse(data);
  if (!parsed.success) throw new RecipeError(parsed.error.issues.flatMap((issue) => issueProblems(issue, doc, text, file, at)));
  return { file, folder, hash: recipeHash(bytes), recipe: parsed.data };
}

function yamlMessage(code: string, message: string): string {
  // The yaml package's messages can carry a source excerpt after a blank line: keep the first line.
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  return code === 'DUPLICATE_KEY' ? `duplicate key: ${first}` : `YAML: ${first}`;
}

type Path = readonly PropertyKey[];

function issueProblems(issue: z.core.$ZodIssue, doc: Document, text: string, file: string, at: (offset: number) => { line: number; column: number }): RecipeProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const where = [...issue.path, key];
      const { node } = nodeAt(doc, where, 'key');
      return { file, ...at(node?.range?.[0] ?? 0), field: formatPath(where), message: `unknown field "${key}"` };
    });
  }
  if (issue.code === 'invalid_key') {
    // A record's key (a parameter name): point at the key and say what a key must be.
    const { node } = nodeAt(doc, issue.path, 'key');
    const why = issue.issues.map((i) => i.message).join('; ');
    return [{ file, ...at(node?.range?.[0] ?? 0), field: formatPath(issue.path), message: `invalid name "${String(issue.path.at(-1))}": ${why}` }];
  }
  const { node, exact } = nodeAt(doc, issue.path, 'value');
  const offset = node?.range?.[0] ?? 0;
  let message = issue.message;
  if (!exact) message = issue.code === 'invalid_type' ? `missing: this field is required (${issue.expected})` : message;
  else if (issue.code === 'invalid_type') message = `expected ${issue.expected}${describeNode(node)}`;
  // `run: {{ params.x }}` unquoted is a YAML flow mapping, not a template: the commonest slip.
  if (isMap(node) && node.flow && text.startsWith('{{', offset)) {
    message += ' (a value that starts with {{ must be quoted: "{{ … }}")';
  }
  return [{ file, ...at(offset), field: formatPath(issue.path), message }];
}

function describeNode(node: YamlNode | undefined): string {
  if (isScalar(node)) return `, got ${node.value === null ? 'nothing' : JSON.stringify(node.value)}`;
  if (isSeq(node)) return ', got a list';
  if (isMap(node)) return ', got a mapping';
  return '';
}

/**
 * The YAML node a zod path points at, or the nearest ancestor that exists
 * (`exact: false`: the field is missing, its parent is where to add it).
 */
function nodeAt(doc: Document, where: Path, want: 'key' | 'value'): { node: YamlNode | undefined; exact: boolean } {
  let node = doc.contents as YamlNode | null;
  if (!node) return { node: undefined, exact: false };
  for (let i = 0; i < where.length; i++) {
    const seg = where[i]!;
    const last = i === where.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) return { node, exact: false };
      if (last && want === 'key') return { node: pair.key as YamlNode, exact: true };
      if (!pair.value) return { node: pair.key as YamlNode, exact: last };
      node = pair.value as YamlNode;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg]) {
      node = node.items[seg] as YamlNode;
    } else {
      return { node, exact: false };
    }
  }
  return { node, exact: true };
}

/** The path of the deepest node around an offset (for YAML syntax errors and duplicate keys). */
function pathAt(doc: Document, offset: number): PropertyKey[] {
  const out: PropertyKey[] = [];
  let node = doc.contents as YamlNode | null;
  const inside = (n: unknown) => {
    const r = (n as YamlNode | null)?.range;
    return !!r && r[0] <= offset && offset < r[2];
  };
  while (node) {
    if (isMap(node)) {
      const pair = node.items.find((p) => inside(p.key) || inside(p.value));
      if (!pair) break;
      out.push(isScalar(pair.key) ? String(pair.key.value) : '?');
      if (!inside(pair.value)) break;
      node = pair.value as YamlNode;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(inside);
      if (index < 0) break;
      out.push(index);
      node = node.items[index] as YamlNode;
    } else break;
  }
  return out;
}

/** `steps[2].gate.http.status` */
export function formatPath(where: Path): string {
  let out = '';
  for (const seg of where) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

const RECIPE_FILE = /\.ya?ml$/i;
const FOLDER_RECIPE = ['recipe.yaml', 'recipe.yml'];

/**
 * Every recipe in the folders: `*.yaml`/`*.yml` in each, and `recipe.yaml` in
 * each direct subfolder (a recipe with its files beside it). A folder that
 * does not exist is skipped; a bad file is a problem, the others still load.
 */
export async function loadRecipes(folders: readonly string[]): Promise<{ recipes: LoadedRecipe[]; problems: RecipeProblem[] }> {
  const recipes: LoadedRecipe[] = [];
  const problems: RecipeProblem[] = [];
  for (const folder of folders.map((f) => path.resolve(f))) {
    let files: string[];
    try {
      files = await recipeFilesIn(folder);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue;
      problems.push({ file: folder, line: 1, column: 1, field: '', message: `cannot read the recipes folder: ${(err as Error).message}` });
      continue;
    }
    for (const file of files) {
      try {
        recipes.push(await loadRecipeFile(file, folder));
      } catch (err) {
        if (err instanceof RecipeError) problems.push(...err.problems);
        else problems.push({ file, line: 1, column: 1, field: '', message: (err as Error).message });
      }
    }
  }
  return { recipes, problems };
}

async function recipeFilesIn(folder: string): Promise<string[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isFile() && RECIPE_FILE.test(entry.name)) files.push(full);
    else if (entry.isDirectory()) {
      const inner = await readdir(full).catch(() => [] as string[]);
      const name = FOLDER_RECIPE.find((n) => inner.includes(n));
      if (name) files.push(path.join(full, name));
    }
  }
  return files;
}

/** What the recipe list shows: parameters and a human summary of the targets. */
export function summarize(loaded: LoadedRecipe, hosts: readonly Host[]): RecipeSummary {
  const { recipe } = loaded;
  const params: RecipeParamInfo[] = Object.entries(recipe.params).map(([name, p]) => ({
    name,
    type: p.type,
    ...(p.description !== undefined ? { description: p.description } : {}),
    ...(p.default !== undefined && !p.secret ? { default: p.default } : {}),
    ...(p.choices !== undefined ? { choices: p.choices } : {}),
    secret: p.secret,
    required: p.required,
  }));
  const targets: string[] = [];
  // Templated targets are shown as the parameters' defaults would make them.
  const defaults = Object.fromEntries(Object.entries(recipe.params).map(([name, p]) => [name, p.secret ? undefined : p.default]));
  const show = (text: string) => (isTemplated(text) ? tryRender(text, defaults) : text);
  if (recipe.targets.hosts?.length) {
    const selectors = recipe.targets.hosts.map(show);
    targets.push(`hosts: ${selectors.join(', ')} (${matchHosts(selectors, hosts).hosts.length})`);
  }
  for (const kube of recipe.targets.kube ?? []) {
    targets.push(`${show(kube.workload)} in ${show(kube.namespace)} (${show(kube.context)})`);
  }
  return {
    file: loaded.file,
    folder: loaded.folder,
    name: recipe.name,
    description: recipe.description,
    hash: loaded.hash,
    params,
    targets,
    stepCount: recipe.steps.length,
  };
}

/** A templated target shown with the parameters' defaults, or as written when one has none. */
function tryRender(text: string, defaults: Record<string, string | number | boolean | undefined>): string {
  try {
    return renderTemplate(text, buildScope({ params: defaults }), '');
  } catch {
    return text;
  }
}
