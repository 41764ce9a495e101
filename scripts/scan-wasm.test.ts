import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCAN_SOURCE_SHA256 } from '../shared/logs/fast/scan-wasm';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

describe('shared/logs/fast/scan-wasm.ts', () => {
  it('was compiled from scan.c as it is now (run `npm run scan-wasm` when this fails)', () => {
    const hash = createHash('sha256').update(readFileSync(path.join(root, 'shared', 'logs', 'fast', 'scan.c'))).digest('hex');
    expect(SCAN_SOURCE_SHA256).toBe(hash);
  });
});
