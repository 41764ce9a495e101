// Ansible's host patterns (ansible/parsing/utils/addresses.py and
// plugins/inventory/__init__.py of ansible-core 2.14): an optional `:port` or
// `[host]:port`, then ranges like web[01:03] or db-[a:c] expanded in order.

// Ranges as addresses.py allows them inside each kind of address.
const NUMERIC_RANGE = String.raw`\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const HEX_RANGE = String.raw`\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]`;
const ALNUM_RANGE = String.raw`\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const V6 = String.raw`(?:[0-9a-f]{1,4}|${HEX_RANGE})`;
const V4 = String.raw`(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|${NUMERIC_RANGE})`;
const WORD = String.raw`[\p{L}\p{N}\p{M}_]`;
const LABEL = String.raw`(?:${WORD}|${ALNUM_RANGE})(?:${WORD}|-|${ALNUM_RANGE})*(?<![_-])`;

const BRACKETED_HOSTPORT = /^\[(.+)\]:([0-9]+)$/;
const HOSTPORT = /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/;
const IPV4 = new RegExp(String.raw`^(?:${V4}\.){3}${V4}$`, 'i');
// As in addresses.py, only the last alternative is anchored at the end (Python's match() anchors the start).
const IPV6 = new RegExp(
  '^(?:' +
    [
      `(?:${V6}:){7}${V6}`,
      `(?:${V6}:){1,6}:`,
      `(?:${V6}:)(?::${V6}){1,6}`,
      `(?:${V6}:){2}(?::${V6}){1,5}`,
      `(?:${V6}:){3}(?::${V6}){1,4}`,
      `(?:${V6}:){4}(?::${V6}){1,3}`,
      `(?:${V6}:){5}(?::${V6}){1,2}`,
      `(?:${V6}:){6}(?::${V6})`,
      `:(?::${V6}){1,6}`,
      `${V6}?::`,
      String.raw`(?:0:){6}(?:${V6}\.){3}${V6}`,
      String.raw`::(?:ffff:)?(?:${V6}\.){3}${V6}`,
      String.raw`(?:0:){5}ffff:(?:${V6}\.){3}${V6}$`,
    ].join('|') +
    ')',
  'i',
);
const HOSTNAME = new RegExp(String.raw`^${LABEL}(?:\.${LABEL})*$`, 'iu');

/** parse_address(): host and port, or undefined when Ansible would not call it an address. */
function parseAddress(pattern: string): { host: string; port?: number } | undefined {
  let address = pattern;
  let port: number | undefined;
  for (const regex of [BRACKETED_HOSTPORT, HOSTPORT]) {
    const match = regex.exec(address);
    if (match) [address, port] = [match[1]!, Number(match[2])];
  }
  if (!IPV4.test(address) && !IPV6.test(address) && !HOSTNAME.test(address)) return undefined;
  return { host: address, ...(port !== undefined && { port }) };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Ansible has no limit; a typo like web[1:99999999] should not freeze the workbench. */
export const MAX_HOSTS_PER_PATTERN = 10_000;
const tooMany = () => new Error(`it expands to more than ${MAX_HOSTS_PER_PATTERN} hosts`);

/** expand_hostname_range(): the first [begin:end(:step)] expanded, then the rest recursively. */
function expandRanges(pattern: string): string[] {
  const parts = pattern.replace('[', '|').replace(']', '|').split('|');
  if (parts.length !== 3) throw new Error(`“${pattern}” has an unclosed or stray bracket`);
  const [head, range, tail] = parts as [string, string, string];
  const bounds = range.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) throw new Error(`the range [${range}] must be [begin:end] or [begin:end:step]`);
  const begin = bounds[0] || '0';
  const end = bounds[1]!;
  const step = bounds.length === 3 ? Number(bounds[2]) : 1;
  if (end === '') throw new Error(`the range [${range}] has no end`);
  if (!Number.isInteger(step) || step <= 0) throw new Error(`the step of the range [${range}] must be a whole number above 0`);
  const width = begin.length > 1 && begin.startsWith('0') ? begin.length : 0;
  if (width && width !== end.length) throw new Error(`the range [${range}] must write begin and end with the same number of digits`);

  const values: string[] = [];
  const from = LETTERS.indexOf(begin);
  const to = LETTERS.indexOf(end);
  if (from >= 0 && to >= 0) {
    if (from > to) throw new Error(`the range [${range}] must not end before it begins`);
    for (let i = from; i <= to; i += step) values.push(LETTERS[i]!);
  } else {
    if (!/^\d+$/.test(begin) || !/^\d+$/.test(end)) throw new Error(`the range [${range}] must be numbers or single letters`);
    if ((Number(end) - Number(begin)) / step >= MAX_HOSTS_PER_PATTERN) throw tooMany();
    for (let i = Number(begin); i <= Number(end); i += step) values.push(width ? String(i).padStart(width, '0') : String(i));
  }
  const hosts: string[] = [];
  for (const value of values) {
    const name = `${head}${value}${tail}`;
    hosts.push(...(name.includes('[') ? expandRanges(name) : [name]));
    if (hosts.length > MAX_HOSTS_PER_PATTERN) throw tooMany();
  }
  return hosts;
}

export type ExpandedPattern = { ok: true; hosts: string[]; port?: number } | { ok: false; error: string };

/** _expand_hostpattern(): what Ansible cannot read as an address it keeps as written, without a port. */
export function expandHostPattern(pattern: string): ExpandedPattern {
  const address = parseAddress(pattern);
  const host = address?.host ?? pattern;
  try {
    const hosts = host.includes('[') ? expandRanges(host) : [host];
    return { ok: true, hosts, ...(address?.port !== undefined && { port: address.port }) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}
