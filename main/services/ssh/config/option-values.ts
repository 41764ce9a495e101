// Readers for the values of ssh_config options, each following what OpenSSH
// 9.x accepts (readconf.c, misc.c), checked against `ssh -G` in the oracle
// tests. They return undefined or a failure with a reason instead of throwing:
// the caller turns that into a problem on the line.

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** a2port() without service names: OpenSSH also accepts `ssh` from /etc/services, we ask for the number. */
export function parsePortNumber(text: string, allowZero = false): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port <= 65535 && (port > 0 || allowZero) ? port : undefined;
}

/** convtime(): `90`, `90s`, `1m30s`, `1h`, `2d`, `1w`; seconds. */
export function parseTimeSeconds(text: string): number | undefined {
  const units: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  if (!/^(\d+[smhdw]?)+$/i.test(text)) return undefined;
  let total = 0;
  for (const [, digits, unit] of text.matchAll(/(\d+)([smhdw]?)/gi)) total += Number(digits) * units[(unit ?? '').toLowerCase()]!;
  return Number.isSafeInteger(total) && total <= 2 ** 31 - 1 ? total : undefined;
}

/** multistate_flag: yes/no/true/false, any case. */
export function parseFlag(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  if (lower === 'yes' || lower === 'true') return true;
  if (lower === 'no' || lower === 'false') return false;
  return undefined;
}

export type StrictHostKeyChecking = 'yes' | 'no' | 'ask' | 'accept-new';

export function parseStrictHostKeyChecking(text: string): StrictHostKeyChecking | undefined {
  const lower = text.toLowerCase();
  if (lower === 'yes' || lower === 'true') return 'yes';
  if (lower === 'no' || lower === 'false' || lower === 'off') return 'no';
  if (lower === 'ask' || lower === 'accept-new') return lower;
  return undefined;
}

export interface JumpHost {
  user?: string;
  host: string;
  port?: number;
}

/**
 * `ProxyJump [user@]host[:port][,...]`, also `ssh://user@host:port` and
 * `[v6addr]:port`; `none` means no jump. Hops are returned first hop first.
 * Like OpenSSH 9.2, only the first word counts (`a b` is `a`, `a, b` is invalid).
 */
export function parseProxyJump(text: string): Parsed<JumpHost[]> {
  const spec = text.replace(/#.*$/, '').trim().split(/\s+/)[0] ?? '';
  if (spec.toLowerCase() === 'none') return ok([]);
  const hops: JumpHost[] = [];
  for (const part of spec.split(',')) {
    const hop = part.startsWith('ssh://') ? parseSshUri(part) : parseUserHostPort(part);
    if (!hop) return fail(`“${part}” is not a jump host: write [user@]host[:port] or ssh://[user@]host[:port], several separated by commas`);
    hops.push(hop);
  }
  return ok(hops);
}

function jumpHost(user: string | undefined, host: string, port: number | undefined): JumpHost {
  return { ...(user !== undefined && { user }), host, ...(port !== undefined && { port }) };
}

/** hpdelim2(): host (maybe [bracketed]) then ':' or '/' then the rest. */
function splitHostField(text: string): { host: string; delim: '' | ':' | '/'; rest: string } | undefined {
  let end: number;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return undefined;
    end = close + 1;
  } else {
    const found = text.search(/[:/]/);
    end = found < 0 ? text.length : found;
  }
  const delim = text.charAt(end);
  if (delim !== '' && delim !== ':' && delim !== '/') return undefined;
  let host = text.slice(0, end);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return { host, delim, rest: text.slice(end + 1) };
}

/** parse_user_host_port(): the last '@' ends the user; a '/' port separator is refused. */
function parseUserHostPort(text: string): JumpHost | undefined {
  const at = text.lastIndexOf('@');
  const user = at >= 0 ? text.slice(0, at) : undefined;
  if (user === '') return undefined;
  const field = splitHostField(text.slice(at + 1));
  if (!field || field.host === '' || field.delim === '/') return undefined;
  if (field.delim === '' || field.rest === '') return jumpHost(user, field.host, undefined);
  const port = parsePortNumber(field.rest);
  return port === undefined ? undefined : jumpHost(user, field.host, port);
}

/** parse_ssh_uri(): ssh://[user[;params]@]host[:port][/], user URL-encoded, no path. */
function parseSshUri(uri: string): JumpHost | undefined {
  let rest = uri.slice('ssh://'.length);
  let user: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const encoded = rest.slice(0, at).split(';')[0]!;
    if (encoded === '') return undefined;
    try {
      user = decodeURIComponent(encoded.replace(/\+/g, ' '));
    } catch {
      return undefined;
    }
    rest = rest.slice(at + 1);
  }
  const field = splitHostField(rest);
  if (!field || !isValidDomain(field.host)) return undefined;
  let port: number | undefined;
  let path = field.delim === '/' ? field.rest : '';
  if (field.delim === ':') {
    const slash = field.rest.indexOf('/');
    port = parsePortNumber(slash < 0 ? field.rest : field.rest.slice(0, slash));
    if (port === undefined) return undefined;
    path = slash < 0 ? '' : field.rest.slice(slash + 1);
  }
  return path === '' ? jumpHost(user, field.host, port) : undefined;
}

/** valid_domain(): starts alphanumeric, then letters, digits, '.', '-', '_', no '..'. */
function isValidDomain(name: string): boolean {
  return /^[a-z0-9][a-z0-9._-]*$/i.test(name) && !name.includes('..');
}

export type ForwardEndpoint = { kind: 'tcp'; host?: string; port: number } | { kind: 'socket'; path: string };

/** A port forward; no `connect` means SOCKS (DynamicForward, or RemoteForward with one argument). */
export interface PortForward {
  listen: ForwardEndpoint;
  connect?: ForwardEndpoint;
}

interface FwdField {
  text: string;
  isPath: boolean;
}

/** parse_fwd_field(): fields split on ':', `[...]` taken literally, `\\` escapes, a '/' marks a socket path. */
function splitForwardFields(spec: string): FwdField[] | undefined {
  const fields: FwdField[] = [];
  let i = spec.length - spec.trimStart().length;
  while (fields.length < 4 && i < spec.length) {
    if (spec[i] === '[') {
      const close = spec.indexOf(']', i + 1);
      const after = close < 0 ? undefined : spec.charAt(close + 1);
      if (after === undefined || (after !== ':' && after !== '')) return undefined;
      const text = spec.slice(i + 1, close);
      fields.push({ text, isPath: text.includes('/') });
      i = close + 2;
      continue;
    }
    let text = '';
    let isPath = false;
    for (; i < spec.length && spec[i] !== ':'; i++) {
      if (spec[i] === '\\') i++;
      else if (spec[i] === '/') isPath = true;
      if (i >= spec.length) return undefined;
      text += spec[i];
    }
    fields.push({ text, isPath });
    i++;
  }
  return i >= spec.length ? fields : undefined;
}

/**
 * LocalForward/RemoteForward take `listen target` (RemoteForward may omit the
 * target: a SOCKS proxy on the remote side), DynamicForward `listen` only.
 * The arguments are joined with ':' and read like parse_forward().
 */
export function parseForward(kind: 'local' | 'remote' | 'dynamic', args: readonly string[]): Parsed<PortForward> {
  const what = kind === 'dynamic' ? '[bind_address:]port' : kind === 'local' ? '[bind_address:]port host:hostport' : '[bind_address:]port [host:hostport]';
  const usage = `expected ${what} (or socket paths)`;
  const dynamic = kind === 'dynamic' || (kind === 'remote' && args.length === 1);
  if (args.length === 0 || args.length > (kind === 'dynamic' ? 1 : 2)) return fail(`wrong number of values: ${usage}`);
  if (!dynamic && args.length !== 2) return fail(`the target is missing: ${usage}`);
  const fields = splitForwardFields(args.join(':'));
  if (!fields) return fail(`cannot read “${args.join(' ')}”: ${usage}`);
  const port = (f: FwdField | undefined, allowZero = false) => (f ? parsePortNumber(f.text, allowZero) : undefined);
  const tcp = (host: FwdField | undefined, p: number | undefined): ForwardEndpoint | undefined =>
    p === undefined ? undefined : { kind: 'tcp', ...(host && { host: host.text }), port: p };
  const socket = (f: FwdField): ForwardEndpoint => ({ kind: 'socket', path: f.text });
  const remote = kind === 'remote';
  const [a, b, c, d] = fields;
  let listen: ForwardEndpoint | undefined;
  let connect: ForwardEndpoint | undefined;
  if (dynamic) {
    if (fields.length === 1) listen = a!.isPath ? socket(a!) : tcp(undefined, port(a, remote));
    else if (fields.length === 2 && !b!.isPath) listen = tcp(a, port(b, remote));
    if (!listen) return fail(`cannot read “${args.join(' ')}”: ${usage}`);
    return ok({ listen });
  }
  if (fields.length === 2 && a!.isPath && b!.isPath) [listen, connect] = [socket(a!), socket(b!)];
  else if (fields.length === 2 && b!.isPath) [listen, connect] = [tcp(undefined, port(a, remote)), socket(b!)];
  else if (fields.length === 3 && a!.isPath) [listen, connect] = [socket(a!), tcp(b, port(c))];
  else if (fields.length === 3 && c!.isPath) [listen, connect] = [tcp(a, port(b, remote)), socket(c!)];
  else if (fields.length === 3) [listen, connect] = [tcp(undefined, port(a, remote)), tcp(b, port(c))];
  else if (fields.length === 4) [listen, connect] = [tcp(a, port(b, remote)), tcp(c, port(d))];
  if (!listen || !connect) return fail(`cannot read “${args.join(' ')}”: ${usage}`);
  return ok({ listen, connect });
}

/** What the %-tokens of ssh_config stand for (ssh_config(5), TOKENS). */
export interface TokenValues {
  /** %d local home */
  home: string;
  /** %u local user */
  localUser: string;
  /** %h remote host name (after HostName) */
  host: string;
  /** %n the name as given */
  originalHost: string;
  /** %r remote user */
  remoteUser: string;
  /** %p */
  port: number;
  /** %l local host name, %L its first label */
  localHost: string;
  /** %i */
  uid: string;
  /** %k HostKeyAlias, else the name as given */
  hostKeyAlias: string;
  /** %C */
  connectionHash: string;
}

/**
 * percent_expand() for the tokens that IdentityFile, CertificateFile and
 * UserKnownHostsFile accept, after `~` and before `${VAR}`, in OpenSSH's order.
 * An unknown token is left as written (OpenSSH would refuse to connect).
 */
export function expandPath(text: string, t: TokenValues, env: NodeJS.ProcessEnv = process.env): string {
  const tilde = text === '~' || text.startsWith('~/') ? t.home + text.slice(1) : text;
  const map: Record<string, string> = {
    '%': '%',
    C: t.connectionHash,
    d: t.home,
    h: t.host,
    i: t.uid,
    k: t.hostKeyAlias,
    L: t.localHost.split('.')[0] ?? t.localHost,
    l: t.localHost,
    n: t.originalHost,
    p: String(t.port),
    r: t.remoteUser,
    u: t.localUser,
  };
  const percent = tilde.replace(/%(.)/gs, (whole, key: string) => map[key] ?? whole);
  return percent.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => env[name] ?? whole);
}

/** HostName accepts only %h and %%. */
export function expandHostName(text: string, host: string): string {
  return text.replace(/%([%h])/g, (_whole, key: string) => (key === 'h' ? host : '%'));
}
