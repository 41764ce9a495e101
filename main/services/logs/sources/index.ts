// Where a log view's lines come from: a pod (or every pod a selector matches),
// a file on an SSH host or on this machine, journald on an SSH host. Each
// source follows its log, reports its state, survives drops and rotation
// without losing or repeating lines, and hands lines to the sink in batches.
import type { LazyText } from '../../../../shared/logs/lite';
import type { LogSourceSpec } from '../../../../shared/contract/logs';
import type { KubeService } from '../../kube/service';
import type { Logger } from '../../log';
import type { SshService } from '../../ssh';
import { startFileSource } from './file';
import { startJournaldSource } from './journald';
import { startPodSource, startPodsSource } from './pod';
import { startSshFileSource } from './ssh-file';

export interface RawLine {
  text: string;
  /** External timestamp (kube timestamps=true, journald __REALTIME_TIMESTAMP), epoch ms. */
  time?: number;
}

export interface SourceStatus {
  state: 'connecting' | 'streaming' | 'retrying' | 'ended' | 'failed';
  message?: string;
}

export interface LogSourceHandle {
  id: string;
  label: string;
  stop(): void;
}

export interface SourceSink {
  /** Batched (per chunk read), never one call per line at high rates. */
  lines(sourceId: string, label: string, lines: RawLine[]): void;
  /** A chunk of whole lines ('\n'-separated, without external times), for a sink that scans text itself; without it, `lines` gets them. `bytes`, when given, is the UTF-8 the text was decoded from (the scanner reads plain ASCII chunks from it); a LazyText (a local file's chunk, read back only when wanted) always comes with them. */
  text?(sourceId: string, label: string, text: string | LazyText, bytes?: Uint8Array): void;
  status(sourceId: string, label: string, status: SourceStatus): void;
  /** The source went quiet for ~200 ms: the parser may complete a pending multi-line entry. */
  idle(sourceId: string): void;
}

export interface SourceDeps {
  ssh: SshService;
  kube: KubeService;
  log: Logger;
  tailLines: number;
}

export function startSource(spec: LogSourceSpec, deps: SourceDeps, sink: SourceSink): LogSourceHandle {
  switch (spec.kind) {
    case 'file':
      return startFileSource(spec.path, deps, sink);
    case 'ssh-file':
      return startSshFileSource(spec.hostId, spec.path, deps, sink);
    case 'journald':
      return startJournaldSource(spec.hostId, spec.unit, deps, sink);
    case 'pod':
      return startPodSource(spec, deps, sink);
    case 'pods':
      return startPodsSource(spec, deps, sink);
  }
}

export { sourceId, sourceLabel } from './ids';
