// `npm run recipe-schema`: write docs/recipe.schema.json from the recipe
// format's zod schema (shared/deploy/recipe.ts), for editors' completion and
// hints (`# yaml-language-server: $schema=...`). scripts/ runs plain Node with
// no TypeScript loader, so the schema module is bundled with esbuild (zod
// inlined) into a temporary file and imported from there.
// scripts/recipe-schema.test.ts fails when the committed file is stale.
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'docs', 'recipe.schema.json');
const temp = mkdtempSync(path.join(tmpdir(), 'recipe-schema-'));
try {
  const bundle = path.join(temp, 'recipe.mjs');
  await build({ absWorkingDir: root, entryPoints: ['shared/deploy/recipe.ts'], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node24', logLevel: 'warning' });
  const { recipeJsonSchema } = await import(pathToFileURL(bundle).href);
  writeFileSync(out, `${JSON.stringify(recipeJsonSchema(), null, 2)}\n`);
  console.log(`[recipe-schema] wrote ${path.relative(root, out)}`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
