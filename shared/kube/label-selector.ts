// Kubernetes label selectors (`app=web, tier in (a,b), !canary`), parsed
// once and matched against each object's labels as rows arrive. The grammar
// is apimachinery's labels.Parse: =, ==, !=, in, notin, exists, !exists.
// Lives in shared/: main filters rows with it, the renderer checks input.

export type Requirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | 'notexists' };

export type LabelSelector = Requirement[];

export class SelectorError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'SelectorError';
  }
}

const WORD = /[A-Za-z0-9._/-]/;

export function parseLabelSelector(text: string): LabelSelector {
  const tokens = tokenize(text);
  const out: LabelSelector = [];
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expectWord = (what: string) => {
    const token = next();
    if (!token || token.kind !== 'word') throw new SelectorError(`expected ${what}${token ? ` at "${token.text}"` : ' at the end'}`, token?.at ?? text.length);
    return token.text;
  };
  while (i < tokens.length) {
    let negate = false;
    if (peek()?.text === '!') {
      next();
      negate = true;
    }
    const key = expectWord('a label key');
    validateKey(key, tokens[i - 1]!.at);
    const op = peek();
    if (negate) {
      out.push({ key, op: 'notexists' });
    } else if (!op || op.text === ',') {
      out.push({ key, op: 'exists' });
    } else if (op.text === '=' || op.text === '==' || op.text === '!=') {
      next();
      const value = peek()?.kind === 'word' ? next()!.text : '';
      validateValue(value, op.at);
      out.push({ key, op: op.text === '!=' ? 'notin' : 'in', values: [value] });
    } else if (op.kind === 'word' && (op.text === 'in' || op.text === 'notin')) {
      next();
      if (next()?.text !== '(') throw new SelectorError(`expected "(" after ${op.text}`, op.at);
      const values: string[] = [];
      while (peek() && peek()!.text !== ')') {
        const value = peek()!.kind === 'word' ? next()!.text : '';
        validateValue(value, op.at);
        values.push(value);
        if (peek()?.text === ',') next();
        else break;
      }
      if (next()?.text !== ')') throw new SelectorError(`expected ")" to close ${op.text} (`, op.at);
      out.push({ key, op: op.text, values });
    } else {
      throw new SelectorError(`unexpected "${op.text}" after ${key}`, op.at);
    }
    if (i < tokens.length) {
      const comma = next()!;
      if (comma.text !== ',') throw new SelectorError(`expected "," before "${comma.text}"`, comma.at);
      if (i >= tokens.length) throw new SelectorError('a requirement must follow ","', comma.at);
    }
  }
  return out;
}

export function matchesSelector(selector: LabelSelector, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const r of selector) {
    const has = labels !== undefined && Object.hasOwn(labels, r.key);
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case 'notexists':
        if (has) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(labels[r.key]!)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(labels[r.key]!)) return false;
        break;
    }
  }
  return true;
}

interface Token {
  kind: 'word' | 'symbol';
  text: string;
  at: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === '=' || c === '!') {
      const two = text.slice(i, i + 2);
      if (two === '==' || two === '!=') {
        tokens.push({ kind: 'symbol', text: two, at: i });
        i += 2;
      } else {
        tokens.push({ kind: 'symbol', text: c, at: i });
        i++;
      }
    } else if (c === ',' || c === '(' || c === ')') {
      tokens.push({ kind: 'symbol', text: c, at: i });
      i++;
    } else if (WORD.test(c)) {
      const start = i;
      while (i < text.length && WORD.test(text[i]!)) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), at: start });
    } else {
      throw new SelectorError(`"${c}" is not allowed in a label selector`, i);
    }
  }
  return tokens;
}

const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validateKey(key: string, at: number): void {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (slash >= 0 && (!PREFIX.test(key.slice(0, slash)) || key.slice(0, slash).length > 253)) throw new SelectorError(`"${key}": the prefix must be a DNS subdomain`, at);
  if (!NAME.test(name)) throw new SelectorError(`"${key}" is not a valid label key`, at);
}

function validateValue(value: string, at: number): void {
  if (value !== '' && !NAME.test(value)) throw new SelectorError(`"${value}" is not a valid label value`, at);
}
