// safeStorage cannot run without the Electron binary: it is replaced by a
// stand-in that seals reversibly, to check the wiring and the fallback.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../services/log';
import { EncryptedFileSecretStore } from '../services/store/secrets';

const keychain = { available: true, backend: 'gnome_libsecret' };
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keychain.available,
    getSelectedStorageBackend: () => keychain.backend,
    encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).reverse().toString('base64')}`),
    decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().slice(7), 'base64').reverse().toString(),
  },
}));

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('desktop secret cipher', () => {
  it('seals with the OS keychain, so secrets.json never holds the secret', async () => {
    const { desktopSecretCipher } = await import('./secret-cipher');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-secret-'));
    dirs.push(dir);
    const store = new EncryptedFileSecretStore(dir, desktopSecretCipher(dir, createLogger('test', 'silent')));
    expect(store.description).toMatch(/keychain/);
    store.set('ssh-password:root@web-1:22', 'hunter2');
    expect(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).not.toContain('hunter2');
    expect(store.get('ssh-password:root@web-1:22')).toBe('hunter2');
  });

  it('falls back to a key file, and says so, where there is no keychain', async () => {
    keychain.backend = 'basic_text';
    const { desktopSecretCipher } = await import('./secret-cipher');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-secret-'));
    dirs.push(dir);
    expect(desktopSecretCipher(dir, createLogger('test', 'silent')).description).toMatch(/key readable only by your account/);
  });
});
