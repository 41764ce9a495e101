// Saved commands (snippets.yaml in the data directory), run in a terminal or on
// several hosts by the renderer. Stored as YAML so they can be edited by hand.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import type { Contract } from '../../../shared/contract';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { Snippet } from '../../../shared/contract/snippets';
import type { Handlers } from '../rpc/types';
import { writeFileAtomic } from '../store/json-file';

const File = z.object({
  version: z.literal(1),
  snippets: z.array(z.object({ id: z.string(), name: z.string(), command: z.string() })).default([]),
});

export class SnippetStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'snippets.yaml');
  }

  list(): Snippet[] {
    if (!existsSync(this.file)) return [];
    const parsed = File.safeParse(parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) {
      throw new WorkbenchError({ code: 'io', message: `the snippets file is not valid (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); fix it by hand`, where: this.file });
    }
    return parsed.data.snippets;
  }

  save(input: { id?: string | undefined; name: string; command: string }): Snippet {
    const snippets = this.list();
    const snippet = { id: input.id ?? `s${randomBytes(4).toString('hex')}`, name: input.name, command: input.command };
    const index = snippets.findIndex((s) => s.id === snippet.id);
    if (index >= 0) snippets[index] = snippet;
    else snippets.push(snippet);
    this.write(snippets);
    return snippet;
  }

  remove(id: string): boolean {
    const snippets = this.list();
    const next = snippets.filter((s) => s.id !== id);
    if (next.length === snippets.length) return false;
    this.write(next);
    return true;
  }

  private write(snippets: Snippet[]): void {
    writeFileAtomic(this.file, `# DevOps Workbench snippets: {{name}} or {{name=default}} become parameters.\n${stringify({ version: 1, snippets })}`);
  }

  handlers(): Handlers<Contract>['snippets'] {
    return {
      list: () => ({ snippets: this.list() }),
      save: (input) => this.save(input),
      remove: ({ id }) => ({ removed: this.remove(id) }),
    };
  }
}
