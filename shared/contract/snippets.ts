import { z } from 'zod';

export const Snippet = z.object({
  id: z.string(),
  name: z.string(),
  /** The command, with {{param}} or {{param=default}} placeholders. */
  command: z.string(),
});
export type Snippet = z.infer<typeof Snippet>;

export const SnippetInput = z.object({
  id: z.string().max(64).optional(),
  name: z.string().min(1).max(120),
  command: z.string().min(1).max(20_000),
});

export interface SnippetParam {
  name: string;
  default?: string;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_-]*)\s*(?:=([^}]*))?\}\}/g;

/** The parameters a snippet asks for, in order of first use. */
export function snippetParams(command: string): SnippetParam[] {
  const seen = new Map<string, SnippetParam>();
  for (const match of command.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!seen.has(name)) seen.set(name, match[2] !== undefined ? { name, default: match[2] } : { name });
  }
  return [...seen.values()];
}

/** The command with each placeholder replaced by its value (or its default). */
export function renderSnippet(command: string, values: Record<string, string>): string {
  return command.replace(PLACEHOLDER, (_all, name: string, fallback?: string) => values[name] ?? fallback ?? '');
}
