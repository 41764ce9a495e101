import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Write a file so that a crash leaves either the old or the new content, never half of one. */
export function writeFileAtomic(file: string, content: string, mode = 0o600): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, content, { mode });
  renameSync(temp, file);
}

/** "line 3, column 14" for a JSON.parse error, from whichever form V8 used. */
export function jsonErrorLocation(error: unknown, text: string): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const lineCol = /line (\d+) column (\d+)/.exec(message);
  if (lineCol) return `line ${lineCol[1]}, column ${lineCol[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return undefined;
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * A free name beside `file` for keeping a copy of it:
 * settings.json → settings.json.2026-11-25T10-00-00-000Z.bak (then -2, -3, ... never an existing one).
 */
export function asideName(file: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const candidate = `${file}.${stamp}${n > 1 ? `-${n}` : ''}.bak`;
    if (!existsSync(candidate)) return candidate;
  }
}
