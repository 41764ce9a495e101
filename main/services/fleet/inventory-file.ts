// The app's own inventory (inventory.yaml in the data directory): hosts with
// groups, tags and notes, and optionally their connection details. It is
// edited in place through yaml's Document API, so comments and order the user
// wrote by hand survive the UI's edits. A malformed entry is reported with its
// line and skipped; the rest is used.
import { existsSync, readFileSync } from 'node:fs';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import type { ConfigProblem, HostInput } from '../../../shared/contract/hosts';
import { writeFileAtomic } from '../store/json-file';

export const INVENTORY_VERSION = 1;

const Entry = z.object({
  hostname: z.string().min(1).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  user: z.string().min(1).optional(),
  identityFile: z.string().min(1).optional(),
  proxyJump: z.string().min(1).optional(),
  groups: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  notes: z.string().default(''),
}).strict();

export interface InventoryEntry extends z.infer<typeof Entry> {
  name: string;
  line: number;
}

const HEADER = `# DevOps Workbench inventory: hosts with their groups, tags and notes.
# A name that is also a Host alias in ~/.ssh/config adds to it; the connection
# settings here (hostname, port, user, identityFile, proxyJump) override it.
`;

export class InventoryFile {
  constructor(readonly file: string) {}

  read(): { entries: InventoryEntry[]; problems: ConfigProblem[] } {
    if (!existsSync(this.file)) return { entries: [], problems: [] };
    const text = readFileSync(this.file, 'utf8');
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, prettyErrors: false });
    const problems: ConfigProblem[] = doc.errors.map((e) => ({
      file: this.file,
      line: e.linePos?.[0]?.line ?? 1,
      severity: 'error',
      message: e.message.split('\n')[0]!,
    }));
    if (doc.errors.length) return { entries: [], problems };
    const hosts = doc.get('hosts', true);
    const entries: InventoryEntry[] = [];
    if (hosts === undefined || hosts === null) return { entries, problems };
    if (!isMap(hosts)) {
      problems.push({ file: this.file, line: 1, severity: 'error', message: '"hosts" must be a mapping of host names to their settings' });
      return { entries, problems };
    }
    for (const pair of hosts.items) {
      const name = String((pair.key as { value?: unknown })?.value ?? pair.key);
      const range = (pair.key as { range?: [number, number, number] })?.range;
      const line = range ? lineCounter.linePos(range[0]).line : 1;
      const value = (pair.value as { toJSON?: () => unknown })?.toJSON?.() ?? {};
      const parsed = Entry.safeParse(value ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        problems.push({ file: this.file, line, severity: 'error', message: `host "${name}": ${issue.path.join('.') || 'entry'}: ${issue.message.replace(/^Invalid input: /, '')}; this host is skipped` });
        continue;
      }
      entries.push({ name, line, ...parsed.data });
    }
    return { entries, problems };
  }

  /** Create or update one host (renaming if `previousId` is given). */
  save(input: HostInput): void {
    const doc = this.document();
    if (input.previousId && input.previousId !== input.id) doc.deleteIn(['hosts', input.previousId]);
    const entry: Record<string, unknown> = {};
    for (const key of ['hostname', 'port', 'user', 'identityFile', 'proxyJump'] as const) {
      const value = input[key];
      if (value !== undefined && value !== '') entry[key] = value;
    }
    if (input.groups.length) entry.groups = input.groups;
    if (input.tags.length) entry.tags = input.tags;
    if (input.notes) entry.notes = input.notes;
    doc.setIn(['hosts', input.id], doc.createNode(entry));
    this.write(doc);
  }

  /** Add several hosts (an import); names already present are left as they are and returned. */
  addMany(hosts: HostInput[]): { added: string[]; skipped: string[] } {
    const doc = this.document();
    const added: string[] = [];
    const skipped: string[] = [];
    for (const host of hosts) {
      if (doc.hasIn(['hosts', host.id])) {
        skipped.push(host.id);
        continue;
      }
      const entry: Record<string, unknown> = {};
      for (const key of ['hostname', 'port', 'user', 'identityFile', 'proxyJump'] as const) if (host[key] !== undefined) entry[key] = host[key];
      if (host.groups.length) entry.groups = host.groups;
      if (host.tags.length) entry.tags = host.tags;
      if (host.notes) entry.notes = host.notes;
      doc.setIn(['hosts', host.id], doc.createNode(entry));
      added.push(host.id);
    }
    if (added.length) this.write(doc);
    return { added, skipped };
  }

  remove(name: string): boolean {
    const doc = this.document();
    if (!doc.hasIn(['hosts', name])) return false;
    doc.deleteIn(['hosts', name]);
    this.write(doc);
    return true;
  }

  private document(): Document {
    if (!existsSync(this.file)) {
      const doc = parseDocument(`${HEADER}version: ${INVENTORY_VERSION}\nhosts: {}\n`);
      return doc;
    }
    const doc = parseDocument(readFileSync(this.file, 'utf8'));
    if (doc.errors.length) {
      // Never rewrite a file we could not read: the user's text would be lost.
      throw new Error(`${this.file} has a syntax error on line ${doc.errors[0]!.linePos?.[0]?.line ?? '?'} (${doc.errors[0]!.message.split('\n')[0]}); fix it before editing hosts here`);
    }
    if (!doc.has('hosts') || doc.get('hosts') === null) doc.set('hosts', doc.createNode({}));
    return doc;
  }

  private write(doc: Document): void {
    writeFileAtomic(this.file, doc.toString({ lineWidth: 0 }));
  }
}
