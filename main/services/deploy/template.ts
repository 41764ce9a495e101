// Recipe templates: `{{ params.version }}`, `{{ host.name | quote }}`,
// `{{ params.tag | default("latest") }}`, `{{ params.version | regex }}`.
//
// Hand-written rather than a template engine (Handlebars, Nunjucks, ...)
// because recipes need exactly one thing, substituting known names, and need
// it strictly: a misspelt name must fail the plan with the field it is in and
// the names that exist, before anything runs. General engines render unknown
// names as empty strings and bring logic blocks and helpers a deploy recipe
// should not have (and that a reviewer of a recipe would have to read).
import type { Host } from '../../../shared/contract/hosts';
import type { ParamValue } from '../../../shared/contract/deploy';

export type TemplateValue = string | number | boolean | readonly string[];

/** The names a template may use where it is rendered. */
export interface TemplateScope {
  /** Known names; `undefined` means known but not set (an optional parameter with no value). */
  readonly values: ReadonlyMap<string, TemplateValue | undefined>;
  /** Open namespaces (`host.vars.`): any key below them is known; a missing one is "not set". */
  readonly open: readonly string[];
  /** Why the namespaces not in this scope are missing, for the error ("a once step runs with no host"). */
  readonly absent: ReadonlyMap<string, string>;
  /** Why a known name has no value here, when it is not simply unset. */
  readonly reasons: ReadonlyMap<string, string>;
}

/** A template that cannot be rendered: `where` names the recipe field. */
export class TemplateError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(where ? `${where}: ${reason}` : reason);
    this.name = 'TemplateError';
  }
}

/** Namespaces a template may use anywhere in a recipe (the scope decides which are present). */
const NAMESPACES = ['params', 'host', 'release', 'run', 'target'] as const;
type Namespace = (typeof NAMESPACES)[number];

export interface ScopeParts {
  params?: Readonly<Record<string, ParamValue | undefined>> | undefined;
  host?: Host | undefined;
  release?: { deployPath: string; name: string } | undefined;
  runId?: string | undefined;
  target?: { context: string; namespace: string; name: string; kind: string } | undefined;
  /** Why a namespace is missing here, e.g. `{ host: 'a local once step runs with no host' }`. */
  absent?: Partial<Record<Namespace, string>> | undefined;
  /** Why a parameter (known, value undefined) has no value here, by parameter name. */
  unsetParams?: Readonly<Record<string, string>> | undefined;
}

/** Tags of the form `key=value` are a host's variables (`host.vars.key`). */
export function hostVars(host: Host): Map<string, string> {
  const vars = new Map<string, string>();
  for (const tag of host.tags) {
    const eq = tag.indexOf('=');
    if (eq > 0) vars.set(tag.slice(0, eq), tag.slice(eq + 1));
  }
  return vars;
}

export function buildScope(parts: ScopeParts): TemplateScope {
  const values = new Map<string, TemplateValue | undefined>();
  const open: string[] = [];
  const present = new Set<Namespace>();
  if (parts.params) {
    present.add('params');
    for (const [name, value] of Object.entries(parts.params)) values.set(`params.${name}`, value);
  }
  if (parts.host) {
    present.add('host');
    const h = parts.host;
    values.set('host.name', h.id);
    values.set('host.hostname', h.hostname);
    values.set('host.port', h.port);
    values.set('host.user', h.user);
    values.set('host.groups', h.groups);
    for (const [key, value] of hostVars(h)) values.set(`host.vars.${key}`, value);
    open.push('host.vars.');
  }
  if (parts.release) {
    present.add('release');
    const base = parts.release.deployPath.replace(/\/+$/, '') || '/';
    const join = (rest: string) => (base === '/' ? `/${rest}` : `${base}/${rest}`);
    values.set('release.deployPath', parts.release.deployPath);
    values.set('release.name', parts.release.name);
    values.set('release.path', join(`releases/${parts.release.name}`));
    values.set('release.current', join('current'));
  }
  if (parts.runId !== undefined) {
    present.add('run');
    values.set('run.id', parts.runId);
  }
  if (parts.target) {
    present.add('target');
    values.set('target.context', parts.target.context);
    values.set('target.namespace', parts.target.namespace);
    values.set('target.name', parts.target.name);
    values.set('target.kind', parts.target.kind);
  }
  const absent = new Map<string, string>();
  for (const ns of NAMESPACES) {
    if (!present.has(ns)) absent.set(ns, parts.absent?.[ns] ?? defaultAbsence[ns]);
  }
  const reasons = new Map(Object.entries(parts.unsetParams ?? {}).map(([name, why]) => [`params.${name}`, why]));
  return { values, open, absent, reasons };
}

const defaultAbsence: Record<Namespace, string> = {
  params: 'parameters are not available here',
  host: 'only steps on a host target have host.*',
  release: "release.* needs the recipe's release: section and a host target",
  run: 'run.* is not available here',
  target: 'only Kubernetes targets have target.*',
};

/** True when the text has something to render. */
export const hasTemplate = (text: string): boolean => text.includes('{{');

/** Render every `{{ … }}` in `text`; `where` names the field (`steps[3].run`) for errors. */
export function renderTemplate(text: string, scope: TemplateScope, where: string): string {
  if (!hasTemplate(text)) return text;
  let out = '';
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('{{', at);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) throw new TemplateError(where, `unclosed {{ at character ${open + 1}`);
    out += text.slice(at, open) + evaluate(text.slice(open + 2, close), scope, where);
    at = close + 2;
  }
  return out + text.slice(at);
}

/** `name | filter | filter("arg")` */
const NAME = /^\s*([A-Za-z_][\w]*(?:\.[\w-]+)*)\s*/;
const FILTER = /^\|\s*([A-Za-z_]\w*)\s*(?:\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(-?\d+(?:\.\d+)?))\s*\)\s*)?/;

function evaluate(expr: string, scope: TemplateScope, where: string): string {
  const name = NAME.exec(expr);
  if (!name) throw new TemplateError(where, `{{${expr}}} is not a name like params.version`);
  let rest = expr.slice(name[0].length);
  let value = lookup(name[1]!, scope, where);
  let defaulted = false;
  while (rest.length > 0) {
    const filter = FILTER.exec(rest);
    if (!filter) throw new TemplateError(where, `cannot read "${rest.trim()}" in {{${expr}}} (filters: | quote, | regex, | default("x"))`);
    rest = rest.slice(filter[0].length);
    const arg = filter[2] ?? filter[3] ?? filter[4];
    switch (filter[1]) {
      case 'default':
        if (arg === undefined) throw new TemplateError(where, 'default needs a value: | default("x")');
        if (value.value === undefined || value.value === '') value = { name: value.name, value: unescape(arg) };
        defaulted = true;
        break;
      case 'quote':
        value = { name: value.name, value: shellQuote(toText(value, where)) };
        break;
      case 'regex':
        // For gates' body patterns: `^ok {{ params.version | regex }}$` matches "1.0.0+build" literally.
        value = { name: value.name, value: toText(value, where).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') };
        break;
      default:
        throw new TemplateError(where, `unknown filter "${filter[1]}" (filters: quote, regex, default)`);
    }
  }
  if (value.value === undefined && !defaulted) throw new TemplateError(where, value.unsetReason ?? `${value.name} has no value`);
  return toText(value, where);
}

interface Looked {
  name: string;
  value: TemplateValue | undefined;
  /** Why a known name has no value (raised unless a `default` filter follows). */
  unsetReason?: string;
}

function lookup(name: string, scope: TemplateScope, where: string): Looked {
  if (scope.values.has(name)) {
    const value = scope.values.get(name);
    if (value !== undefined) return { name, value };
    return { name, value, unsetReason: scope.reasons.get(name) ?? `${name} has no value (give it one, or write {{ ${name} | default("…") }})` };
  }
  const prefix = scope.open.find((p) => name.startsWith(p));
  if (prefix) return { name, value: undefined, unsetReason: `${name} is not set on this host (add the tag ${name.slice(prefix.length)}=… to it, or use | default("…"))` };
  const ns = name.split('.')[0]!;
  const whyAbsent = scope.absent.get(ns);
  if (whyAbsent) throw new TemplateError(where, `${name} is not available here: ${whyAbsent}`);
  throw new TemplateError(where, `unknown variable ${name} (known: ${knownNames(scope, name)})`);
}

/** The names in scope, the most similar to the wrong one first, so the fix is at the front. */
function knownNames(scope: TemplateScope, wrong: string): string {
  const names = [...scope.values.keys(), ...scope.open.map((p) => `${p}*`)];
  const ranked = names.map((n) => ({ n, d: editDistance(n, wrong) })).sort((a, b) => a.d - b.d || a.n.localeCompare(b.n));
  const shown = ranked.slice(0, 12).map((r) => r.n);
  return shown.join(', ') + (names.length > shown.length ? ', …' : '') || 'none';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

function toText(value: Looked, where: string): string {
  const v = value.value;
  if (v === undefined) throw new TemplateError(where, value.unsetReason ?? `${value.name} has no value`);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return v.join(',');
}

const unescape = (s: string) => s.replace(/\\(.)/g, '$1');

/** POSIX shell single-quoting: safe for any bytes, `'` becomes `'\''`. */
export function shellQuote(text: string): string {
  if (/^[\w@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
