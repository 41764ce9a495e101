// Host key verification against known_hosts, never less safe than OpenSSH:
// a known key passes; an unknown one is shown with its SHA256 fingerprint and
// written to known_hosts only if the user accepts; a changed one is refused,
// with no way to connect anyway.
import { homedir } from 'node:os';
import { appendKnownHost, checkHostKey, fingerprintSha256, loadKnownHosts } from './known-hosts';
import { SshError } from './errors';
import type { PromptAnswer } from '../../../shared/contract/ssh';
import type { PromptRequest } from './prompts';

export interface HostKeyPolicy {
  label: string;
  hostname: string;
  port: number;
  /** HostKeyAlias: the name to look up in known_hosts instead of hostname:port. */
  hostKeyAlias?: string | undefined;
  /** UserKnownHostsFile: checked in order, the first is where accepted keys go. */
  knownHostsFiles: string[];
  /** StrictHostKeyChecking: yes | accept-new | no | ask (default). */
  strictHostKeyChecking: string;
  hashKnownHosts: boolean;
}

/** The key type is the first string of the SSH wire-format key blob. */
export function keyTypeOf(blob: Buffer): string {
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('ascii');
}

export function displayPath(file: string): string {
  const home = homedir();
  return file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}

export async function verifyHostKey(
  blob: Buffer,
  policy: HostKeyPolicy,
  ask: (request: PromptRequest) => Promise<PromptAnswer | undefined>,
): Promise<void> {
  const keyType = keyTypeOf(blob);
  const keyBase64 = blob.toString('base64');
  const fingerprint = fingerprintSha256(keyBase64);
  const { entries } = loadKnownHosts(policy.knownHostsFiles);
  // With HostKeyAlias, OpenSSH looks the alias up as given, with no port.
  const lookupHost = policy.hostKeyAlias ?? policy.hostname;
  const lookupPort = policy.hostKeyAlias ? 22 : policy.port;
  const result = checkHostKey(entries, lookupHost, lookupPort, keyType, keyBase64);
  const name = lookupPort === 22 ? lookupHost : `[${lookupHost}]:${lookupPort}`;

  if (result.status === 'known') return;
  if (result.status === 'revoked') {
    throw new SshError('host-key-revoked', `the host key ${fingerprint} of ${name} is marked @revoked in ${displayPath(result.file)} line ${result.line}; refusing to connect`, policy.label);
  }
  if (result.status === 'changed') {
    throw new SshError(
      'host-key-changed',
      `WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! The ${keyType} host key for ${name} is now ${fingerprint}, ` +
        `but ${displayPath(result.file)} line ${result.line} holds a different one (${result.knownFingerprint}). ` +
        'Someone could be eavesdropping on you right now (a man-in-the-middle attack), or the host was reinstalled. ' +
        `The connection was refused. If you know the key changed legitimately, remove that line (ssh-keygen -R '${name}') and connect again.`,
      policy.label,
    );
  }

  const strict = policy.strictHostKeyChecking.toLowerCase();
  const target = policy.knownHostsFiles[0]!;
  if (strict === 'yes') {
    throw new SshError('host-key-rejected', `no ${keyType} host key is known for ${name} and StrictHostKeyChecking is yes (fingerprint ${fingerprint})`, policy.label);
  }
  if (strict !== 'accept-new' && strict !== 'no' && strict !== 'off') {
    const answer = await ask({ kind: 'host-key', target: policy.label, keyType, fingerprint, knownHostsFile: displayPath(target) });
    if (answer === undefined) {
      throw new SshError('host-key-rejected', `the host key of ${name} (${fingerprint}) is not known yet and nobody could be asked to accept it`, policy.label);
    }
    if (answer.cancel || answer.accept !== true) {
      throw new SshError('host-key-rejected', `the host key of ${name} (${fingerprint}) was not accepted`, policy.label);
    }
  }
  appendKnownHost(target, lookupHost, lookupPort, keyType, keyBase64, { hash: policy.hashKnownHosts });
}
