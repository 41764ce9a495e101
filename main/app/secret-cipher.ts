// The desktop app seals secrets with Electron's safeStorage: the OS keychain
// (Keychain on macOS, DPAPI on Windows, libsecret/kwallet on Linux). Where no
// keychain is available (a Linux session without a secret service), it says so
// and falls back to the web host's 0600 key file rather than refusing to work.
import { safeStorage } from 'electron';
import { fileKeyCipher, type SecretCipher } from '../services/store/secrets';
import type { Logger } from '../services/log';

export function desktopSecretCipher(dataDir: string, log: Logger): SecretCipher {
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend?.() : undefined;
  if (!safeStorage.isEncryptionAvailable() || backend === 'basic_text') {
    log.warn('no OS keychain is available: remembered secrets are sealed with a key file instead', { backend });
    return fileKeyCipher(dataDir);
  }
  return {
    description: `encrypted by the operating system's keychain (Electron safeStorage${backend ? `, ${backend}` : ''})`,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
