// Reads ssh_config files into a list of lines per file, following Include,
// and reports what is wrong with each line. Name resolution (which lines apply
// to which host) happens later, in ssh-config.ts.
//
// The ssh-config package tokenizes each line (quotes, `=` separators, trailing
// comments). We feed it one line at a time so that a line it rejects costs only
// that line and so that every line keeps its number; its compute() is not used
// (no Include, `?` matching zero characters, and it runs `Match exec` commands).
import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
// The named export, not the default: esbuild's CommonJS interop makes a default import the whole
// module object in the bundle (SSHConfig.DIRECTIVE would be undefined there, though tests pass).
import { SSHConfig, type Directive, type Line } from 'ssh-config';
import { expandIncludeGlob, hasGlobMagic } from './include-glob';
import { canonicalKeyword, isKnownKeyword } from './keywords';
import {
  parseFlag,
  parseForward,
  parsePortNumber,
  parseProxyJump,
  parseStrictHostKeyChecking,
  parseTimeSeconds,
} from './option-values';
import { hasWildcard, hostLineMatches, matchHostList } from './patterns';
import { configError, configWarning, errnoCode, type ConfigProblem } from './problems';

export interface HostLine {
  kind: 'host';
  file: string;
  line: number;
  /** Empty when the line could not be read: the block then applies to no host. */
  patterns: string[];
}

export interface MatchLine {
  kind: 'match';
  file: string;
  line: number;
}

export interface OptionLine {
  kind: 'option';
  file: string;
  line: number;
  /** Lowercase, old aliases mapped to the current name. */
  key: string;
  args: string[];
  /** The value as written (ProxyCommand and friends take the rest of the line verbatim). */
  rest: string;
}

export interface IncludeLine {
  kind: 'include';
  file: string;
  line: number;
  files: ParsedConfigFile[];
}

export type ConfigLine = HostLine | MatchLine | OptionLine | IncludeLine;

export interface ParsedConfigFile {
  path: string;
  lines: ConfigLine[];
}

export interface SshConfigHost {
  alias: string;
  file: string;
  line: number;
}

export interface ConfigTree {
  roots: ParsedConfigFile[];
  hosts: SshConfigHost[];
  problems: ConfigProblem[];
}

/** OpenSSH's READCONF_MAX_DEPTH. */
const MAX_INCLUDE_DEPTH = 16;

/** Options we read values of, and that take exactly one value. */
const SINGLE_VALUE = new Set([
  'hostname',
  'user',
  'port',
  'connecttimeout',
  'serveraliveinterval',
  'serveralivecountmax',
  'identitiesonly',
  'hashknownhosts',
  'forwardagent',
  'stricthostkeychecking',
  'identityfile',
  'certificatefile',
  'hostkeyalias',
]);

export function readConfigTree(files: readonly string[], home: string): ConfigTree {
  const reader = new ConfigReader(home);
  const roots: ParsedConfigFile[] = [];
  for (const file of files) {
    const text = reader.readText(file);
    if (text !== undefined) roots.push(reader.parse(file, text, [realPath(file)], []));
  }
  return { roots, hosts: reader.hosts, problems: reader.problems };
}

type Block = { kind: 'host'; patterns: string[] } | { kind: 'match'; start: number; end: number } | undefined;

class ConfigReader {
  readonly problems: ConfigProblem[] = [];
  readonly hosts: SshConfigHost[] = [];
  private readonly listed = new Set<string>();
  private readonly ignoreUnknown: string[] = [];

  constructor(private readonly home: string) {}

  /** undefined for a missing file (not an error) or one we may not read (reported). */
  readText(file: string, includedFrom?: { file: string; line: number }): string | undefined {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
        const why = code === 'EISDIR' ? 'it is a directory' : 'permission denied';
        this.problems.push(
          includedFrom
            ? configError(includedFrom.file, includedFrom.line, `Cannot read the included file ${file}: ${why}.`)
            : configError(file, 1, `Cannot read this file: ${why}.`),
        );
        return undefined;
      }
      throw error;
    }
  }

  /**
   * @param chain real paths of the files being read, outermost first (loop guard)
   * @param conditions Host patterns of the blocks the Include lines leading here sit in
   */
  parse(file: string, text: string, chain: string[], conditions: string[][]): ParsedConfigFile {
    const lines: ConfigLine[] = [];
    let block: Block;
    const endMatchBlock = () => {
      if (block?.kind !== 'match') return;
      this.problems.push(
        configWarning(file, block.start, `Match blocks are not supported yet; the options in this block (lines ${block.start}–${block.end}) are ignored.`),
      );
    };

    // A byte-order mark from a Windows editor is not part of the first keyword.
    text.replace(/^\uFEFF/, '').split(/\r?\n/).forEach((source, index) => {
      const line = index + 1;
      const token = tokenizeLine(source);
      if (token.kind === 'blank') return;
      const keyword = token.keyword.toLowerCase();
      const startsBlock = keyword === 'host' || keyword === 'match';
      if (startsBlock) endMatchBlock();
      else if (block?.kind === 'match') {
        block.end = line;
        return;
      }

      if (token.kind === 'broken') {
        const skipped = startsBlock ? ` The options up to the next Host or Match line are ignored.` : '';
        this.problems.push(configError(file, line, `${token.message}${skipped}`));
        if (keyword === 'host') {
          block = { kind: 'host', patterns: [] };
          lines.push({ kind: 'host', file, line, patterns: [] });
        } else if (keyword === 'match') {
          block = { kind: 'match', start: line, end: line };
          lines.push({ kind: 'match', file, line });
        }
        return;
      }

      const { args, rest } = token;
      if (keyword === 'host') {
        block = { kind: 'host', patterns: args };
        lines.push({ kind: 'host', file, line, patterns: args });
        this.listAliases(args, conditions, file, line);
      } else if (keyword === 'match') {
        block = { kind: 'match', start: line, end: line };
        lines.push({ kind: 'match', file, line });
      } else if (keyword === 'include') {
        const inner = block?.kind === 'host' ? [...conditions, block.patterns] : conditions;
        lines.push({ kind: 'include', file, line, files: this.include(args, { file, line }, chain, inner) });
      } else {
        const problem = this.checkOption(token.keyword, keyword, args, rest);
        if (problem) this.problems.push({ file, line, ...problem });
        else if (isKnownKeyword(keyword)) lines.push({ kind: 'option', file, line, key: canonicalKeyword(keyword), args, rest });
        if (keyword === 'ignoreunknown') this.ignoreUnknown.push(...args);
      }
    });
    endMatchBlock();
    return { path: file, lines };
  }

  /** Concrete aliases (no wildcard, not negated) that this Host line really applies to. */
  private listAliases(patterns: string[], conditions: string[][], file: string, line: number): void {
    for (const alias of patterns) {
      if (alias.startsWith('!') || hasWildcard(alias) || this.listed.has(alias)) continue;
      if (!hostLineMatches(patterns, alias) || !conditions.every((outer) => hostLineMatches(outer, alias))) continue;
      this.listed.add(alias);
      this.hosts.push({ alias, file, line });
    }
  }

  private include(args: string[], at: { file: string; line: number }, chain: string[], conditions: string[][]): ParsedConfigFile[] {
    const files: ParsedConfigFile[] = [];
    for (const arg of args) {
      const target = this.includeTarget(arg);
      const glob = hasGlobMagic(target);
      for (const file of glob ? expandIncludeGlob(target) : [target]) {
        const real = realPath(file);
        if (chain.includes(real)) {
          this.problems.push(configError(at.file, at.line, `Include loop: ${file} is already being read (${chain.join(' → ')}); this Include is skipped.`));
          continue;
        }
        if (chain.length >= MAX_INCLUDE_DEPTH) {
          this.problems.push(configError(at.file, at.line, `Includes are nested more than ${MAX_INCLUDE_DEPTH} deep; ${file} is skipped.`));
          continue;
        }
        const text = this.readText(file, at);
        if (text === undefined) {
          if (!glob) this.problems.push(configWarning(at.file, at.line, `The included file ${file} does not exist (OpenSSH skips it too).`));
          continue;
        }
        files.push(this.parse(file, text, [...chain, real], conditions));
      }
    }
    return files;
  }

  /** As OpenSSH does for a user config: `~` is the home, a relative path is in ~/.ssh. */
  private includeTarget(arg: string): string {
    if (arg === '~' || arg.startsWith('~/')) return path.join(this.home, arg.slice(1));
    if (path.isAbsolute(arg)) return arg;
    return path.join(this.home, '.ssh', arg);
  }

  private checkOption(written: string, keyword: string, args: string[], rest: string): Omit<ConfigProblem, 'file' | 'line'> | undefined {
    const error = (message: string) => ({ severity: 'error' as const, message });
    if (!isKnownKeyword(keyword)) {
      if (this.ignoreUnknown.some((list) => matchHostList(keyword, list) === 1)) return undefined;
      return {
        severity: 'warning',
        message: `Unknown option “${written}”: it is ignored here, and OpenSSH refuses the whole file unless an IgnoreUnknown line names it. Check the spelling.`,
      };
    }
    if (args.length === 0) return error(`“${written}” needs a value.`);
    const key = canonicalKeyword(keyword);
    if (SINGLE_VALUE.has(key) && args.length > 1) return error(`“${written}” takes one value, not ${args.length} (“${rest}”). Quote it if it contains spaces.`);
    const value = args[0]!;
    switch (key) {
      case 'port':
        return parsePortNumber(value) === undefined ? error(`Port must be a number from 1 to 65535, not “${value}”.`) : undefined;
      case 'connecttimeout':
      case 'serveraliveinterval':
        return parseTimeSeconds(value) === undefined ? error(`${written} must be a time in seconds, like 30, 90s or 1m30s; not “${value}”.`) : undefined;
      case 'serveralivecountmax':
        return /^\d+$/.test(value) ? undefined : error(`ServerAliveCountMax must be a whole number, not “${value}”.`);
      case 'identitiesonly':
      case 'hashknownhosts':
        return parseFlag(value) === undefined ? error(`${written} must be yes or no, not “${value}”.`) : undefined;
      case 'stricthostkeychecking':
        return parseStrictHostKeyChecking(value) === undefined
          ? error(`StrictHostKeyChecking must be yes, no, ask or accept-new, not “${value}”.`)
          : undefined;
      case 'proxyjump': {
        const jump = parseProxyJump(rest);
        return jump.ok ? undefined : error(`Invalid ProxyJump: ${jump.error}.`);
      }
      case 'localforward':
      case 'remoteforward':
      case 'dynamicforward': {
        const forward = parseForward(key === 'localforward' ? 'local' : key === 'remoteforward' ? 'remote' : 'dynamic', args);
        return forward.ok ? undefined : error(`Invalid ${written}: ${forward.error}.`);
      }
      default:
        return undefined;
    }
  }
}

function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

type Tokenized =
  | { kind: 'blank' }
  | { kind: 'directive'; keyword: string; args: string[]; rest: string }
  | { kind: 'broken'; keyword: string; message: string };

function tokenizeLine(source: string): Tokenized {
  const keyword = /^\s*([^\s=]*)/.exec(source)?.[1] ?? '';
  if (keyword === '' && /^\s*$/.test(source)) return { kind: 'blank' };
  if (keyword.startsWith('#')) return { kind: 'blank' };
  if (keyword === '') return { kind: 'broken', keyword, message: 'This line has no keyword.' };
  let nodes: Line[];
  try {
    nodes = [...SSHConfig.parse(source)];
  } catch (error) {
    return { kind: 'broken', keyword, message: explainParseError(keyword, error) };
  }
  const directive = nodes.find((node): node is Directive => node.type === SSHConfig.DIRECTIVE);
  if (!directive) return { kind: 'broken', keyword, message: 'This line could not be read.' };
  const { value } = directive;
  const args = Array.isArray(value) ? value.map((part) => part.val) : directive.quoted ? [value] : value.split(/\s+/).filter(Boolean);
  const rest = source.replace(/^\s*[^\s=]+(\s*=\s*|\s+)?/, '').trim();
  return { kind: 'directive', keyword: directive.param, args, rest };
}

function explainParseError(keyword: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/Unexpected line break/.test(message)) return `A quote on this “${keyword}” line is not closed.`;
  const criterion = /Missing value for match criteria (\S+)/.exec(message);
  if (criterion) return `The Match criterion “${criterion[1]}” needs a value.`;
  // The package fails on a Host (or other list option) with no value.
  if (/reading 'val'/.test(message)) return `“${keyword}” needs a value.`;
  return `This “${keyword}” line could not be read: ${message}.`;
}
