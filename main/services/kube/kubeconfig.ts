// Contexts from kubeconfig files, merged the way kubectl merges $KUBECONFIG:
// the first file to name a cluster, user or context wins, and the first
// `current-context` is current. A broken file or entry is reported (file,
// line, reason) and skipped; everything valid around it still loads.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
// The validating constructors kubectl-style loading needs; client-node has no exports map, so its own module is importable.
import { newClusters, newContexts, newUsers } from '@kubernetes/client-node/dist/config_types.js';
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { ConfigProblem } from '../../../shared/contract/hosts';
import type { KubeContext, KubeContextList } from '../../../shared/contract/kube';
import type { z } from 'zod';
import type { KubeAuthKind as KubeAuthKindSchema } from '../../../shared/contract/kube';

type KubeAuthKind = z.infer<typeof KubeAuthKindSchema>;

export interface KubeconfigSet extends KubeContextList {
  /** A client-node KubeConfig holding just this context (its cluster and user), or why there is none. */
  configFor(context: string): KubeConfig;
}

/** $KUBECONFIG's files, or ~/.kube/config; then any extra files (settings, the sandbox). */
export function kubeconfigPaths(env: NodeJS.ProcessEnv, home: string, extra: readonly string[] = []): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  const base = fromEnv.length > 0 ? fromEnv : [path.join(home, '.kube', 'config')];
  return [...new Set([...base, ...extra].map((file) => expandHome(file, home)))];
}

function expandHome(file: string, home: string): string {
  return file === '~' ? home : file.startsWith('~/') ? path.join(home, file.slice(2)) : path.resolve(file);
}

interface Entries {
  clusters: Map<string, Cluster>;
  users: Map<string, User>;
  contexts: Map<string, { context: Context; file: string }>;
}

export function loadKubeconfigs(files: readonly string[]): KubeconfigSet {
  const problems: ConfigProblem[] = [];
  const read: string[] = [];
  const merged: Entries = { clusters: new Map(), users: new Map(), contexts: new Map() };
  let current: string | undefined;
  for (const file of files) {
    if (!existsSync(file)) continue; // kubectl skips missing $KUBECONFIG entries too
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ file, line: 0, severity: 'error', message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    read.push(file);
    const parsed = parseKubeconfig(text, file, problems);
    if (!parsed) continue;
    for (const cluster of parsed.clusters) if (!merged.clusters.has(cluster.name)) merged.clusters.set(cluster.name, cluster);
    for (const user of parsed.users) if (!merged.users.has(user.name)) merged.users.set(user.name, user);
    for (const context of parsed.contexts) if (!merged.contexts.has(context.name)) merged.contexts.set(context.name, { context, file });
    if (!current && parsed.current) current = parsed.current;
  }

  const contexts: KubeContext[] = [];
  for (const { context, file } of merged.contexts.values()) {
    const cluster = merged.clusters.get(context.cluster);
    const user = merged.users.get(context.user);
    if (!cluster) problems.push({ file, line: 0, severity: 'warning', message: `context "${context.name}": cluster "${context.cluster}" is not defined in any kubeconfig file` });
    if (!user && context.user) problems.push({ file, line: 0, severity: 'warning', message: `context "${context.name}": user "${context.user}" is not defined in any kubeconfig file` });
    contexts.push({
      name: context.name,
      cluster: context.cluster,
      user: context.user ?? '',
      ...(context.namespace ? { namespace: context.namespace } : {}),
      server: cluster?.server ?? '',
      file,
      auth: authKind(user),
      ...(user?.exec?.command ? { execCommand: String(user.exec.command) } : {}),
      ...(cluster?.proxyUrl ? { proxyUrl: cluster.proxyUrl } : {}),
      current: context.name === current,
    });
  }

  return {
    contexts,
    problems,
    files: read,
    configFor(name) {
      const entry = merged.contexts.get(name);
      if (!entry) throw new Error(`no context "${name}" in ${read.join(', ') || 'any kubeconfig file'}`);
      const cluster = merged.clusters.get(entry.context.cluster);
      if (!cluster) throw new Error(`context "${name}" names cluster "${entry.context.cluster}", which no kubeconfig file defines (${entry.file})`);
      const user = merged.users.get(entry.context.user);
      const kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: [cluster],
        // A context without a user is anonymous.
        users: [user ?? { name: entry.context.user || 'anonymous' }],
        contexts: [{ ...entry.context, user: user?.name ?? (entry.context.user || 'anonymous') }],
        currentContext: name,
      });
      return kc;
    },
  };
}

function authKind(user: User | undefined): KubeAuthKind {
  if (!user) return 'none';
  if (user.exec) return 'exec';
  if (user.authProvider) return 'auth-provider';
  if (user.token) return 'token';
  if (user.certData || user.certFile) return 'client-cert';
  if (user.username) return 'basic';
  return 'none';
}

interface ParsedFile {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  current: string | undefined;
}

/** One file's entries; problems name the file, the line and what is wrong. */
export function parseKubeconfig(text: string, file: string, problems: ConfigProblem[]): ParsedFile | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    for (const error of doc.errors.slice(0, 3)) {
      problems.push({ file, line: error.linePos?.[0]?.line ?? lines.linePos(error.pos[0]).line, severity: 'error', message: `not valid YAML: ${error.message.split('\n')[0]}` });
    }
    return undefined;
  }
  const root = doc.contents;
  if (root === null || (isMap(root) && root.items.length === 0)) return { clusters: [], users: [], contexts: [], current: undefined };
  if (!isMap(root)) {
    problems.push({ file, line: 1, severity: 'error', message: 'not a kubeconfig: expected a mapping with clusters, users and contexts' });
    return undefined;
  }
  const dir = path.dirname(file);
  const lineOf = (node: YamlNode | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 0);

  const section = <T>(key: 'clusters' | 'users' | 'contexts', build: (raw: unknown) => T): T[] => {
    const node = root.get(key, true) as YamlNode | undefined;
    if (node === undefined || node === null || (node as { value?: unknown }).value === null) return [];
    if (!isSeq(node)) {
      problems.push({ file, line: lineOf(node), severity: 'error', message: `${key}: expected a list` });
      return [];
    }
    const out: T[] = [];
    node.items.forEach((item, index) => {
      try {
        out.push(build((item as YamlNode & { toJSON(): unknown }).toJSON()));
      } catch (error) {
        problems.push({ file, line: lineOf(item as YamlNode), severity: 'error', message: `${(error as Error).message.replace(/^\w+\[0\]/, `${key}[${index}]`)}; skipped` });
      }
    });
    return out;
  };

  const clusters = section('clusters', (raw) => absoluteCluster(newClusters([raw])[0]!, dir));
  const users = section('users', (raw) => absoluteUser(newUsers([raw])[0]!, dir));
  const contexts = section('contexts', (raw) => newContexts([raw])[0]!);
  const currentNode = root.get('current-context');
  return { clusters, users, contexts, current: typeof currentNode === 'string' && currentNode ? currentNode : undefined };
}

// Relative paths in a kubeconfig are relative to the file, as kubectl reads them.
function absoluteCluster(cluster: Cluster, dir: string): Cluster {
  return cluster.caFile && !path.isAbsolute(cluster.caFile) ? { ...cluster, caFile: path.join(dir, cluster.caFile) } : cluster;
}

function absoluteUser(user: User, dir: string): User {
  const abs = (file: string | undefined) => (file && !path.isAbsolute(file) ? path.join(dir, file) : file);
  const out: Record<string, unknown> = { ...user };
  if (user.certFile) out.certFile = abs(user.certFile);
  if (user.keyFile) out.keyFile = abs(user.keyFile);
  // kubectl: a plugin command with a path separator is relative to the file; a bare name is looked up on PATH.
  const exec = user.exec as { command?: string } | undefined;
  if (exec?.command && exec.command.includes('/') && !path.isAbsolute(exec.command)) out.exec = { ...exec, command: path.join(dir, exec.command) };
  return out as unknown as User;
}
