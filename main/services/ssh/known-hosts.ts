// known_hosts files as OpenSSH reads and writes them (hostfile.c, sshkey.c):
// parsing with a problem per bad line, host key checking with OpenSSH's
// verdicts, SHA256 fingerprints, and appending (optionally hashed) entries.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { matchHostList } from './config/patterns';
import { configError, errnoCode, type ConfigProblem } from './config/problems';

export type KnownHostMarker = 'cert-authority' | 'revoked';

export interface KnownHostEntry {
  file: string;
  /** 1-based. */
  line: number;
  marker?: KnownHostMarker;
  /** The host field as written: comma-separated patterns, or one `|1|salt|hash`. */
  hosts: string;
  /** Decoded salt and HMAC of a hashed host field. */
  hashed?: { salt: Buffer; hmac: Buffer };
  /** The key's own type, e.g. ssh-ed25519. */
  keyType: string;
  keyBase64: string;
  comment?: string;
}

export interface KnownHosts {
  entries: KnownHostEntry[];
  problems: ConfigProblem[];
}

export type HostKeyCheck =
  | { status: 'known' }
  | { status: 'unknown' }
  | { status: 'changed'; file: string; line: number; knownKeyType: string; knownFingerprint: string }
  | { status: 'revoked'; file: string; line: number };

const HASH_MAGIC = '|1|';
const SHA1_LENGTH = 20;

/** Key types sshkey.c knows, and the signature names that stand for an RSA key. */
const KEY_TYPES = new Set([
  'ssh-rsa',
  'ssh-dss',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-ed25519',
  'sk-ecdsa-sha2-nistp256@openssh.com',
  'sk-ssh-ed25519@openssh.com',
  'ssh-xmss@openssh.com',
]);
const RSA_ALIASES = new Set(['rsa-sha2-256', 'rsa-sha2-512']);
const isKnownKeyType = (type: string) => KEY_TYPES.has(type) || KEY_TYPES.has(type.replace('-cert-v01@openssh.com', '')) || RSA_ALIASES.has(type);

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise, lowercased. */
export function knownHostsName(host: string, port: number): string {
  const lower = host.toLowerCase();
  return port === 22 ? lower : `[${lower}]:${port}`;
}

/** `SHA256:` and the unpadded base64 SHA-256 of the key blob, as `ssh-keygen -l` prints. */
export function fingerprintSha256(keyBase64: string): string {
  const digest = createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** `|1|salt|hmac` for a name, HMAC-SHA1 keyed with a random (or given) 20-byte salt. */
export function hashHostName(name: string, salt: Buffer = randomBytes(SHA1_LENGTH)): string {
  const hmac = createHmac('sha1', salt).update(name).digest();
  return `${HASH_MAGIC}${salt.toString('base64')}|${hmac.toString('base64')}`;
}

export function parseKnownHosts(file: string, text: string): KnownHosts {
  const entries: KnownHostEntry[] = [];
  const problems: ConfigProblem[] = [];
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, index) => {
    const parsed = parseLine(raw.replace(/\r$/, ''));
    if (parsed === undefined) return;
    if (typeof parsed === 'string') problems.push(configError(file, index + 1, `${parsed} This line is skipped.`));
    else entries.push({ file, line: index + 1, ...parsed });
  });
  return { entries, problems };
}

/** Reads files in order; a missing file is no problem, one we may not read is reported. */
export function loadKnownHosts(files: readonly string[]): KnownHosts {
  const result: KnownHosts = { entries: [], problems: [] };
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
        result.problems.push(configError(file, 1, `Cannot read this known_hosts file: ${code === 'EISDIR' ? 'it is a directory' : 'permission denied'}.`));
        continue;
      }
      throw error;
    }
    const parsed = parseKnownHosts(file, text);
    result.entries.push(...parsed.entries);
    result.problems.push(...parsed.problems);
  }
  return result;
}

type ParsedLine = Omit<KnownHostEntry, 'file' | 'line'>;

/** undefined for blank and comment lines, a message for a bad one. */
function parseLine(line: string): ParsedLine | string | undefined {
  let rest = line.replace(/^[ \t]+/, '');
  if (rest === '' || rest.startsWith('#')) return undefined;
  const fields = () => {
    const match = /^([^ \t]+)[ \t]*/.exec(rest);
    if (!match) return undefined;
    rest = rest.slice(match[0].length);
    return match[1];
  };

  let marker: KnownHostMarker | undefined;
  if (rest.startsWith('@')) {
    const word = fields()!;
    if (word !== '@cert-authority' && word !== '@revoked') return `Unknown marker “${word}”: only @cert-authority and @revoked exist.`;
    marker = word === '@revoked' ? 'revoked' : 'cert-authority';
  }
  const hosts = fields();
  if (hosts === undefined) return 'This line has a marker but no host.';
  let hashed: ParsedLine['hashed'];
  if (hosts.startsWith('|')) {
    hashed = parseHashedHost(hosts);
    if (!hashed) return `The hashed host name “${hosts}” is malformed (expected |1|salt|hash with 20-byte salt and hash).`;
  }
  if (rest === '' || rest.startsWith('#')) return `The entry for “${hosts}” has no key.`;
  const keyType = fields()!;
  if (!isKnownKeyType(keyType)) return `Unknown key type “${keyType}”.`;
  const keyBase64 = fields();
  if (keyBase64 === undefined || keyBase64.startsWith('#')) return `The ${keyType} entry for “${hosts}” has no key data.`;
  const blobType = keyBlobType(keyBase64);
  if (blobType === undefined) return `The ${keyType} key of “${hosts}” is not a valid base64 key.`;
  if (blobType !== keyType && !(blobType === 'ssh-rsa' && RSA_ALIASES.has(keyType))) {
    return `The key type field says ${keyType} but the key of “${hosts}” is ${blobType}.`;
  }
  const comment = rest.trimEnd();
  return { ...(marker && { marker }), hosts, ...(hashed && { hashed }), keyType: blobType, keyBase64, ...(comment && { comment }) };
}

function parseHashedHost(field: string): { salt: Buffer; hmac: Buffer } | undefined {
  const match = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(field);
  if (!match) return undefined;
  const salt = Buffer.from(match[1]!, 'base64');
  const hmac = Buffer.from(match[2]!, 'base64');
  return salt.length === SHA1_LENGTH && hmac.length === SHA1_LENGTH ? { salt, hmac } : undefined;
}

/** The type name inside a key blob (an SSH string at its start), or undefined if the base64 or blob is malformed. */
function keyBlobType(keyBase64: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(keyBase64) || keyBase64.length % 4 !== 0) return undefined;
  const blob = Buffer.from(keyBase64, 'base64');
  if (blob.length < 4) return undefined;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length >= blob.length) return undefined;
  const type = blob.subarray(4, 4 + length).toString('latin1');
  return /^[\x21-\x7e]+$/.test(type) ? type : undefined;
}

function entryMatchesName(entry: KnownHostEntry, name: string): boolean {
  if (entry.hashed) return createHmac('sha1', entry.hashed.salt).update(name).digest().equals(entry.hashed.hmac);
  return matchHostList(name, entry.hosts) === 1;
}

const sameKey = (a: string, b: string) => Buffer.from(a, 'base64').equals(Buffer.from(b, 'base64'));

/**
 * OpenSSH's verdict for the key a server presented (check_hostkeys_by_key_or_type):
 * - known: a plain entry for this host holds exactly this key;
 * - changed: no entry holds it, but some plain entry for this host holds
 *   another key, OF ANY TYPE. OpenSSH 9.2 shows "REMOTE HOST IDENTIFICATION
 *   HAS CHANGED" even when only an RSA key is known and the server offers
 *   ed25519 (checked against a real sshd); it names the last such entry as
 *   "Offending key", and so do we;
 * - revoked: an @revoked entry whose patterns match this host holds this
 *   key; this wins over known;
 * - unknown: no plain entry for this host. But on a port other than 22, an
 *   entry for the bare host name holding exactly this key makes it known
 *   (ssh: "checking without port identifier", "found matching key w/out port").
 * @cert-authority lines only vouch for certificates, so they are ignored here.
 * With HostKeyAlias, pass the alias as `host` and 22 as `port`: ssh then looks
 * up the alias alone. `keyType` is informative: the key blob carries its own type.
 */
export function checkHostKey(entries: readonly KnownHostEntry[], host: string, port: number, keyType: string, keyBase64: string): HostKeyCheck {
  void keyType;
  const verdict = checkName(entries, knownHostsName(host, port), keyBase64);
  if (verdict.status === 'unknown' && port !== 22 && checkName(entries, knownHostsName(host, 22), keyBase64).status === 'known') return { status: 'known' };
  return verdict;
}

function checkName(entries: readonly KnownHostEntry[], name: string, keyBase64: string): HostKeyCheck {
  const forHost = entries.filter((entry) => entryMatchesName(entry, name));
  const revoked = forHost.find((entry) => entry.marker === 'revoked' && sameKey(entry.keyBase64, keyBase64));
  if (revoked) return { status: 'revoked', file: revoked.file, line: revoked.line };
  let offending: KnownHostEntry | undefined;
  for (const entry of forHost) {
    if (entry.marker) continue;
    if (sameKey(entry.keyBase64, keyBase64)) return { status: 'known' };
    offending = entry;
  }
  if (!offending) return { status: 'unknown' };
  return {
    status: 'changed',
    file: offending.file,
    line: offending.line,
    knownKeyType: offending.keyType,
    knownFingerprint: fingerprintSha256(offending.keyBase64),
  };
}

/**
 * Appends `host key` (hashed if asked) as ssh does after a user accepts a key.
 * Creates the directory (0700) and file (0600) if missing and starts on a new
 * line if the file does not end with one. Throws for arguments that would
 * corrupt the file (they come from code, not from the user's files).
 */
export function appendKnownHost(file: string, host: string, port: number, keyType: string, keyBase64: string, options: { hash: boolean }): void {
  if (!/^[^\s,#]+$/.test(host) || host.startsWith('@') || host.startsWith('|')) throw new Error(`cannot write “${host}” as a known_hosts host name`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`cannot write port ${port} to known_hosts`);
  const blobType = keyBlobType(keyBase64);
  if (!blobType || (blobType !== keyType && !(blobType === 'ssh-rsa' && RSA_ALIASES.has(keyType)))) {
    throw new Error(`the ${keyType} key to write to known_hosts is malformed or of another type (${blobType ?? 'unreadable'})`);
  }
  const name = knownHostsName(host, port);
  const field = options.hash ? hashHostName(name) : name;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const separator = endsWithoutNewline(file) ? '\n' : '';
  appendFileSync(file, `${separator}${field} ${blobType} ${keyBase64}\n`, { mode: 0o600 });
}

function endsWithoutNewline(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return false;
    throw error;
  }
  try {
    const { size } = fstatSync(fd);
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}
