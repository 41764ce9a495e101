// Pod logs over the API server: one follow per container (`container: '*'`
// means all of them), with timestamps, so every line carries its own time and
// a dropped stream resumes with sinceTime without repeating or losing a line.
// `pods` follows every pod a label selector matches, as stern does: pods that
// start later are followed as they become Running, and dropped when they go.
import { StringDecoder } from 'node:string_decoder';
import type { IncomingMessage } from 'node:http';
import type { LogSourceSpec } from '../../../../shared/contract/logs';
import { WorkbenchError } from '../../../../shared/contract/errors';
import { matchesSelector, parseLabelSelector, type LabelSelector } from '../../../../shared/kube/label-selector';
import type { Cluster } from '../../kube/cluster';
import { columnsFor } from '../../kube/columns';
import { KubeApiError } from '../../kube/errors';
import type { InformerRow } from '../../kube/informer';
import { getObject, kindFor } from '../../kube/objects';
import type { Logger } from '../../log';
import { backoffMs, SourceEmitter, TextLines } from './emitter';
import { sourceId, sourceLabel } from './ids';
import type { LogSourceHandle, RawLine, SourceDeps, SourceSink, SourceStatus } from './index';

const PODS = { group: '', version: 'v1', resource: 'pods' };

type PodSpec = Extract<LogSourceSpec, { kind: 'pod' }>;
type PodsSpec = Extract<LogSourceSpec, { kind: 'pods' }>;

const KUBE_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) /;

/** The kubelet's RFC3339Nano prefix of a `timestamps=true` line: its time (ms), an exact key (ns), and the rest. */
export function splitKubeTimestamp(line: string): { time: number; ns: bigint; text: string } | undefined {
  const match = KUBE_TIMESTAMP.exec(line);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  const fraction = (match[2] ?? '').padEnd(9, '0');
  return { time: seconds + Number(fraction.slice(0, 3)), ns: BigInt(seconds) * 1_000_000n + BigInt(fraction), text: line.slice(match[0].length) };
}

/** sinceTime takes whole seconds: the second the line is in (lines before it are dropped on arrival). */
function sinceTimeOf(ns: bigint): string {
  const ms = Number(ns / 1_000_000n);
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

const podPath = (namespace: string, pod: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}`;

/** Errors that retrying will not fix: the API said no, or there is no such pod or container. */
function finalApiError(error: unknown): error is KubeApiError {
  return error instanceof KubeApiError && (error.status === 401 || error.status === 403 || error.status === 404);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class Delay {
  private wake: (() => void) | undefined;

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  cancel(): void {
    this.wake?.();
  }
}

interface PodContext {
  cluster(): Promise<Cluster>;
  log: Logger;
  tailLines: number;
}

/** One container's log, followed and resumed. */
class ContainerLog {
  private stopped = false;
  private abort: AbortController | undefined;
  private response: IncomingMessage | undefined;
  private readonly delay = new Delay();
  private attempt = 0;
  /** The newest timestamp seen, and how many times each text was seen at exactly that time. */
  private lastNs: bigint | undefined;
  private atLast = new Map<string, number>();
  /** On a resume: the lines at lastNs already passed on, to drop when they come again. */
  private skip = new Map<string, number>();

  constructor(
    private readonly ctx: PodContext,
    private readonly namespace: string,
    private readonly pod: string,
    private readonly container: string,
    private readonly previous: boolean,
    readonly emitter: SourceEmitter,
  ) {}

  start(): void {
    this.emitter.state({ state: 'connecting' });
    void this.loop();
  }

  stop(final?: SourceStatus): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort?.abort();
    this.response?.destroy();
    this.delay.cancel();
    this.emitter.stop(final);
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      const abort = new AbortController();
      this.abort = abort;
      let response: IncomingMessage;
      try {
        const cluster = await this.ctx.cluster();
        const resume = this.lastNs !== undefined;
        response = await cluster.client.open({
          path: `${podPath(this.namespace, this.pod)}/log`,
          query: {
            container: this.container,
            timestamps: true,
            follow: !this.previous,
            ...(this.previous ? { previous: true } : {}),
            ...(resume ? { sinceTime: sinceTimeOf(this.lastNs!) } : { tailLines: this.ctx.tailLines }),
          },
          signal: abort.signal,
        });
        this.skip = new Map(this.atLast);
      } catch (error) {
        if (this.stopped) return;
        if (finalApiError(error) || (error instanceof WorkbenchError && error.code === 'permission-denied')) {
          this.stop({ state: 'failed', message: messageOf(error) });
          return;
        }
        await this.retry(messageOf(error));
        continue;
      }
      if (this.stopped) {
        response.destroy();
        return;
      }
      this.response = response;
      this.emitter.state({ state: 'streaming' });
      await this.read(response);
      this.response = undefined;
      if (this.stopped) return;
      if (this.previous) {
        this.stop({ state: 'ended' });
        return;
      }
      const over = await this.podOver();
      if (this.stopped) return;
      if (over) {
        this.stop({ state: 'ended', message: over });
        return;
      }
      await this.retry('connection lost — retrying');
    }
  }

  private retry(message: string): Promise<void> {
    this.emitter.state({ state: 'retrying', message });
    return this.delay.wait(backoffMs(this.attempt++));
  }

  /** Why the log will not go on (the pod is gone or finished), or undefined when it should be resumed. */
  private async podOver(): Promise<string | undefined> {
    try {
      const cluster = await this.ctx.cluster();
      const pod = await getObject(cluster, { context: '', resource: PODS, namespace: this.namespace, name: this.pod });
      const phase = (pod as { status?: { phase?: string } }).status?.phase;
      return phase === 'Succeeded' || phase === 'Failed' ? `pod ${phase.toLowerCase()}` : undefined;
    } catch (error) {
      return error instanceof KubeApiError && error.status === 404 ? 'pod deleted' : undefined;
    }
  }

  private read(response: IncomingMessage): Promise<void> {
    const decoder = new StringDecoder('utf8');
    const lines = new TextLines();
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        // A last line without its newline: only when the log really ended (a cut stream resumes it whole).
        if (this.previous) this.take(lines.flush());
        resolve();
      };
      response.on('data', (chunk: Buffer) => {
        if (!this.stopped) this.take(lines.push(decoder.write(chunk)));
      });
      response.on('end', finish);
      response.on('error', finish);
      response.on('aborted', finish);
      response.on('close', finish);
    });
  }

  private take(lines: string[]): void {
    const out: RawLine[] = [];
    for (const line of lines) {
      const split = splitKubeTimestamp(line);
      if (!split) {
        out.push({ text: line });
        continue;
      }
      if (this.lastNs === undefined || split.ns > this.lastNs) {
        this.lastNs = split.ns;
        this.atLast = new Map([[split.text, 1]]);
        this.skip.clear();
      } else if (split.ns < this.lastNs) {
        continue;
      } else {
        const seen = this.skip.get(split.text) ?? 0;
        if (seen > 0) {
          this.skip.set(split.text, seen - 1);
          continue;
        }
        this.atLast.set(split.text, (this.atLast.get(split.text) ?? 0) + 1);
      }
      out.push({ text: split.text, time: split.time });
    }
    if (out.length) {
      this.attempt = 0;
      this.emitter.lines(out);
    }
  }
}

/** A pod's containers, followed; `finish` ends them all with a last state. */
interface PodFollow {
  handle: LogSourceHandle;
  finish(final: SourceStatus): void;
}

function followPod(spec: Pick<PodSpec, 'namespace' | 'pod' | 'container' | 'previous'>, ctx: PodContext, sink: SourceSink): PodFollow {
  const all = spec.container === '*' || spec.container === '';
  const id = sourceId.pod(spec.namespace, spec.pod, all ? undefined : spec.container);
  const label = sourceLabel.pod(spec.pod, all ? undefined : spec.container);
  const logs: ContainerLog[] = [];
  let stopped = false;
  const delay = new Delay();
  const own = new SourceEmitter(sink, id, label);

  const startContainer = (container: string) => {
    const emitter = new SourceEmitter(sink, sourceId.pod(spec.namespace, spec.pod, container), sourceLabel.pod(spec.pod, container));
    const log = new ContainerLog(ctx, spec.namespace, spec.pod, container, spec.previous, emitter);
    logs.push(log);
    log.start();
  };

  const resolveContainers = async () => {
    for (let attempt = 0; !stopped; attempt++) {
      try {
        const cluster = await ctx.cluster();
        const pod = (await getObject(cluster, { context: '', resource: PODS, namespace: spec.namespace, name: spec.pod })) as { spec?: { containers?: Array<{ name: string }> } };
        if (stopped) return;
        const names = (pod.spec?.containers ?? []).map((c) => c.name);
        if (!names.length) own.stop({ state: 'failed', message: `pod ${spec.namespace}/${spec.pod} has no containers` });
        for (const name of names) startContainer(name);
        return;
      } catch (error) {
        if (stopped) return;
        if (finalApiError(error) || (error instanceof WorkbenchError && error.code === 'permission-denied')) {
          own.stop({ state: 'failed', message: messageOf(error) });
          return;
        }
        own.state({ state: 'retrying', message: messageOf(error) });
        await delay.wait(backoffMs(attempt));
      }
    }
  };

  if (all) void resolveContainers();
  else startContainer(spec.container);

  const finish = (final?: SourceStatus) => {
    if (stopped) return;
    stopped = true;
    delay.cancel();
    own.stop();
    for (const log of logs) log.stop(final);
  };
  return { handle: { id, label, stop: () => finish() }, finish };
}

function podContext(context: string, deps: SourceDeps, log: Logger): PodContext {
  return { cluster: () => deps.kube.connected(context), log, tailLines: deps.tailLines };
}

export function startPodSource(spec: PodSpec, deps: SourceDeps, sink: SourceSink): LogSourceHandle {
  return followPod(spec, podContext(spec.context, deps, deps.log.child('pod-logs')), sink).handle;
}

export function startPodsSource(spec: PodsSpec, deps: SourceDeps, sink: SourceSink): LogSourceHandle {
  const id = sourceId.pods(spec.namespace, spec.labelSelector);
  const label = sourceLabel.pods(spec.labelSelector);
  const own = new SourceEmitter(sink, id, label);
  const log = deps.log.child('pods-logs');
  const ctx = podContext(spec.context, deps, log);
  const followed = new Map<string, PodFollow>();
  let stopped = false;
  let release: (() => void) | undefined;
  let unsubscribe: (() => void) | undefined;

  let selector: LabelSelector;
  try {
    selector = parseLabelSelector(spec.labelSelector);
  } catch (error) {
    own.stop({ state: 'failed', message: `bad label selector: ${messageOf(error)}` });
    return { id, label, stop: () => {} };
  }

  const drop = (uid: string, final: SourceStatus) => {
    const follow = followed.get(uid);
    if (!follow) return;
    followed.delete(uid);
    follow.finish(final);
  };

  void (async () => {
    let cluster: Cluster;
    try {
      cluster = await ctx.cluster();
    } catch (error) {
      own.stop({ state: 'failed', message: messageOf(error) });
      return;
    }
    if (stopped) return;
    let kind;
    try {
      kind = kindFor(cluster, PODS);
    } catch (error) {
      own.stop({ state: 'failed', message: messageOf(error) });
      return;
    }
    const statusColumn = columnsFor(kind, kind.namespaced).findIndex((c) => c.id === 'status');
    const held = cluster.informers.acquire(kind);
    release = () => held.release();
    const consider = (row: InformerRow) => {
      if (stopped || row.namespace !== spec.namespace) return;
      if (!matchesSelector(selector, row.labels)) {
        drop(row.uid, { state: 'ended', message: 'no longer matches the selector' });
        return;
      }
      if (followed.has(row.uid) || row.cells[statusColumn] !== 'Running') return;
      followed.set(row.uid, followPod({ namespace: spec.namespace, pod: row.name, container: spec.container, previous: false }, ctx, sink));
    };
    const subscription = held.informer.subscribe({
      upsert: consider,
      remove: (row) => drop(row.uid, { state: 'ended', message: 'pod deleted' }),
      status: (phase, message) => {
        if (phase === 'error' || phase === 'forbidden') own.state({ state: 'retrying', message: message ?? phase });
      },
    });
    unsubscribe = () => subscription.dispose();
    for (const row of held.informer.rows.values()) consider(row);
  })();

  return {
    id,
    label,
    stop: () => {
      if (stopped) return;
      stopped = true;
      unsubscribe?.();
      release?.();
      for (const follow of followed.values()) follow.finish({ state: 'ended' });
      followed.clear();
      own.stop();
    },
  };
}
