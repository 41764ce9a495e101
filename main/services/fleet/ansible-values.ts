// How Ansible's INI plugin turns text into values: host lines are split like
// a POSIX shell (Python's shlex with comments), and each value goes through
// ast.literal_eval, falling back to the text.

/** shlex.split(line, comments=True): quotes group, backslash escapes, `#` outside quotes ends the line. */
export function shellSplit(line: string): string[] | { error: string } {
  const tokens: string[] = [];
  let token = '';
  let inToken = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else token += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < line.length && '"\\'.includes(line[i + 1]!)) token += line[++i];
      else token += ch;
    } else if (/\s/.test(ch)) {
      if (inToken) tokens.push(token);
      [token, inToken] = ['', false];
    } else if (ch === '#') {
      break;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) return { error: 'the line ends with a lone backslash' };
      token += line[++i];
      inToken = true;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inToken = true;
    } else {
      token += ch;
      inToken = true;
    }
  }
  if (quote) return { error: `a ${quote === '"' ? 'double' : 'single'} quote is not closed` };
  if (inToken) tokens.push(token);
  return tokens;
}

/**
 * The scalars ast.literal_eval understands (quoted strings, ints, floats,
 * True/False/None), allowing a trailing Python comment. Lists and dicts stay text.
 */
export function iniValue(text: string): unknown {
  const literal = pythonScalar(text.trim()) ?? pythonScalar(text.replace(/\s#.*$/, '').trim());
  return literal ? literal.value : text;
}

function pythonScalar(text: string): { value: unknown } | undefined {
  const quoted = /^(['"])((?:(?!\1)[^\\]|\\.)*)\1$/s.exec(text);
  if (quoted) return { value: quoted[2]!.replace(/\\(.)/gs, (_all, ch: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[ch] ?? ch) };
  if (text === 'True') return { value: true };
  if (text === 'False') return { value: false };
  if (text === 'None') return { value: null };
  if (/^[+-]?(?:0|[1-9](?:_?\d)*)$/.test(text)) return { value: Number(text.replace(/_/g, '')) };
  if (/^[+-]?(?:\d+\.\d*|\.\d+)(?:e[+-]?\d+)?$|^[+-]?\d+e[+-]?\d+$/i.test(text)) return { value: Number(text) };
  return undefined;
}

/** Variables as text for the UI: strings as they are, other values as JSON would print them. */
export function varText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
