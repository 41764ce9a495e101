// The packaging config cannot be exercised here (no Electron binary), so
// check what would break a release silently.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(import.meta.dirname, '..');
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('electron-builder.yml', () => {
  it('builds the four targets the project ships', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('unpacks every runtime native module from the asar archive', () => {
    const natives = Object.keys(pkg.dependencies).filter((dep) => {
      try {
        const manifest = JSON.parse(readFileSync(path.join(root, 'node_modules', dep, 'package.json'), 'utf8'));
        return manifest.gypfile === true || readFileSync(path.join(root, 'node_modules', dep, 'package.json'), 'utf8').includes('node-gyp');
      } catch {
        return false;
      }
    });
    expect(natives).toContain('node-pty');
    for (const dep of natives) expect(config.asarUnpack).toContain(`node_modules/${dep}/**`);
  });

  it('packs the built app whose entry package.json names', () => {
    expect(pkg.main).toBe('dist/app/main.cjs');
    expect(config.files).toContain('dist/**');
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
