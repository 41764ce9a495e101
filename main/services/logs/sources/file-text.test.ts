// A local file's chunks kept as offsets: read back while in the file, copied
// in once the follower has caught up, blank (and said) when the file was
// truncated first; the file closed only when nothing needs it.
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, type Logger } from '../../log';
import { type FileChunk, FileText } from './file-text';

/** As a scanner does when it keeps a chunk as it is. */
function kept(chunk: FileChunk): FileChunk {
  chunk.kept();
  return chunk;
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempFile(content: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-file-text-'));
  dirs.push(dir);
  const file = path.join(dir, 'app.log');
  writeFileSync(file, content);
  return file;
}

/** A logger that keeps its warnings. */
function warnings(): { log: Logger; said: Array<Record<string, unknown>> } {
  const said: Array<Record<string, unknown>> = [];
  const log = createLogger('file-text-test', 'silent');
  const warn = (message: string, fields?: Record<string, unknown>) => said.push({ message, ...fields });
  return { log: Object.assign(Object.create(log) as Logger, { warn }), said };
}

const body = Array.from({ length: 3000 }, (_, i) => `line ${i} ${'x'.repeat(i % 70)}`).join('\n') + '\n';

describe('FileText', () => {
  it('reads a chunk back from the file until it is copied in, then from memory; closes the file once released and copied', async () => {
    const file = tempFile(body);
    const handle = await open(file, 'r');
    const text = new FileText(handle, file, warnings().log);
    const half = body.indexOf('\n', body.length >> 1) + 1;
    const a = kept(text.chunk(0, half));
    const b = kept(text.chunk(half, body.length - half));
    expect(text.uncopied).toBe(2);
    expect(a.text()).toBe(body.slice(0, half));
    expect(b.text()).toBe(body.slice(half));
    expect(a.held).toBeUndefined();
    text.release();
    // Released with chunks still to copy: the copy goes on, then the file closes.
    await new Promise<void>((resolve) => {
      const check = () => (handle.fd === -1 ? resolve() : setTimeout(check, 5));
      check();
    });
    expect(text.uncopied).toBe(0);
    expect(a.held).toBe(body.slice(0, half));
    expect(b.held).toBe(body.slice(half));
    // The file changing now changes nothing.
    writeFileSync(file, 'something else\n');
    expect(a.text() + b.text()).toBe(body);
  });

  it('gives blanks of the same length, and says so, for a chunk the file lost to a truncation before its copy', async () => {
    const file = tempFile(body);
    const handle = await open(file, 'r');
    const { log, said } = warnings();
    const text = new FileText(handle, file, log);
    const a = kept(text.chunk(0, 100));
    const b = kept(text.chunk(100, body.length - 100));
    expect(a.text()).toBe(body.slice(0, 100));
    truncateSync(file, 50);
    // Read after the truncation: what is left, then blanks (a was read just before and is kept).
    expect(b.text()).toBe(body.slice(100, 100).padEnd(body.length - 100, ' '));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatchObject({ message: expect.stringMatching(/truncated/), file, offset: 100 });
    text.truncated();
    expect(text.uncopied).toBe(0);
    expect(a.text()).toBe(body.slice(0, 100));
    expect(b.text()).toHaveLength(body.length - 100);
    text.abandon();
    expect(handle.fd).toBe(-1);
  });

  it('copies a chunk added after a truncation that came while an older chunk was being read', async () => {
    const file = tempFile(body);
    const handle = await open(file, 'r');
    const text = new FileText(handle, file, warnings().log);
    const old = kept(text.chunk(0, 100));
    const copying = text.copyIn();
    // As the follower does: the truncation is seen, then the new text read.
    truncateSync(file, 0);
    writeFileSync(file, 'a new first line\n');
    text.truncated();
    const fresh = kept(text.chunk(0, 17));
    await copying;
    expect(old.held).toHaveLength(100);
    expect(fresh.held).toBe('a new first line\n');
    expect(text.uncopied).toBe(0);
    text.abandon();
  });

  it('copies in only the chunks a scanner kept, and reads any other as UTF-8', async () => {
    const utf8 = 'naïve café — 日本\n';
    const file = tempFile(utf8 + body);
    const handle = await open(file, 'r');
    const text = new FileText(handle, file, warnings().log);
    const size = Buffer.byteLength(utf8);
    const other = text.chunk(0, size);
    const ascii = kept(text.chunk(size, body.length));
    expect(text.uncopied).toBe(1);
    expect(other.text()).toBe(utf8);
    await text.copyIn();
    expect(ascii.held).toBe(body);
    expect(other.held).toBeUndefined();
    text.abandon();
  });

  it('stops copying and closes the file when abandoned', async () => {
    const file = tempFile(body);
    const handle = await open(file, 'r');
    const text = new FileText(handle, file, warnings().log);
    for (let at = 0; at < body.length; at += 1000) kept(text.chunk(at, Math.min(1000, body.length - at)));
    const copying = text.copyIn();
    text.abandon();
    await copying;
    expect(handle.fd).toBe(-1);
    expect(text.uncopied).toBeGreaterThan(0);
  });
});
