import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recipeJsonSchema } from '../shared/deploy/recipe';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

describe('docs/recipe.schema.json', () => {
  it('is the JSON Schema of the recipe format as it is now (run `npm run recipe-schema` when this fails)', () => {
    const committed = JSON.parse(readFileSync(path.join(root, 'docs', 'recipe.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(recipeJsonSchema())));
  });

  it('describes the fields editors complete', () => {
    const schema = recipeJsonSchema() as { required?: string[]; properties: Record<string, unknown>; additionalProperties?: boolean };
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'targets', 'steps']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['params', 'strategy', 'release', 'rollback']));
    expect(schema.additionalProperties).toBe(false);
  });
});
