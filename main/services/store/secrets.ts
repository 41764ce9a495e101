// The secret store: remembered passwords and passphrases, never in a file in
// clear, a log, the settings or the renderer. The desktop app encrypts with
// Electron's safeStorage (the OS keychain); the web host, which has no
// keychain, with AES-256-GCM under a random key kept in a 0600 file beside it
// (protected by the account's file permissions, like ~/.ssh keys).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './json-file';

export interface SecretCipher {
  /** Says how secrets are protected, for the UI. */
  readonly description: string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

export interface SecretStore {
  readonly description: string;
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  has(key: string): boolean;
}

/** Secrets as encrypted blobs in one JSON file; the cipher decides how they are sealed. */
export class EncryptedFileSecretStore implements SecretStore {
  private readonly file: string;
  private cache: Record<string, string> | undefined;

  constructor(
    dataDir: string,
    private readonly cipher: SecretCipher,
  ) {
    this.file = path.join(dataDir, 'secrets.json');
  }

  get description(): string {
    return this.cipher.description;
  }

  private entries(): Record<string, string> {
    if (!this.cache) {
      try {
        this.cache = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
      } catch {
        this.cache = {};
      }
    }
    return this.cache;
  }

  get(key: string): string | undefined {
    const sealed = this.entries()[key];
    if (sealed === undefined) return undefined;
    try {
      return this.cipher.decrypt(Buffer.from(sealed, 'base64'));
    } catch {
      return undefined; // sealed by another key (e.g. the keychain changed): as if not remembered
    }
  }

  has(key: string): boolean {
    return this.entries()[key] !== undefined;
  }

  set(key: string, value: string): void {
    const entries = { ...this.entries(), [key]: this.cipher.encrypt(value).toString('base64') };
    writeFileAtomic(this.file, `${JSON.stringify(entries, null, 2)}\n`, 0o600);
    this.cache = entries;
  }

  delete(key: string): void {
    const entries = { ...this.entries() };
    if (!(key in entries)) return;
    delete entries[key];
    writeFileAtomic(this.file, `${JSON.stringify(entries, null, 2)}\n`, 0o600);
    this.cache = entries;
  }
}

/** The web host's cipher: AES-256-GCM with a random key in `secret.key` (mode 0600). */
export function fileKeyCipher(dataDir: string): SecretCipher {
  const keyFile = path.join(dataDir, 'secret.key');
  let key: Buffer;
  if (existsSync(keyFile)) {
    key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  } else {
    key = randomBytes(32);
    writeFileAtomic(keyFile, `${key.toString('base64')}\n`, 0o600);
  }
  return {
    description: `encrypted (AES-256-GCM) with a key readable only by your account (${keyFile})`,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
