import { z } from 'zod';
import { ConnectionStateName, SshFailureKind } from './ssh';

export const TerminalId = z.string().min(1).max(64);

const Size = {
  cols: z.number().int().min(2).max(2000),
  rows: z.number().int().min(1).max(1000),
};

const PodTarget = {
  context: z.string().min(1).max(253),
  namespace: z.string().min(1).max(63),
  pod: z.string().min(1).max(253),
  /** Default: the pod's first container (or its default-container annotation). */
  container: z.string().max(253).optional(),
};

export const OpenTerminalRequest = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('local'),
    ...Size,
    /** Start directory; the home directory when absent. */
    cwd: z.string().min(1).max(4096).optional(),
  }),
  z.object({
    kind: z.literal('ssh'),
    ...Size,
    /** The inventory host (an ~/.ssh/config alias or an inventory name). */
    hostId: z.string().min(1).max(255),
  }),
  /** A shell (or a command) in a pod's container. */
  z.object({
    kind: z.literal('kube-exec'),
    ...Size,
    ...PodTarget,
    /** Default: bash if the image has it, else sh. */
    command: z.array(z.string().max(4096)).min(1).max(100).optional(),
  }),
  /** A pod's logs, followed, in a read-only terminal tab (until the log viewer opens them). */
  z.object({
    kind: z.literal('kube-logs'),
    ...Size,
    ...PodTarget,
    tailLines: z.number().int().min(0).max(1_000_000).default(1000),
    previous: z.boolean().default(false),
  }),
]);
export type OpenTerminalRequest = z.infer<typeof OpenTerminalRequest>;

export const TerminalInfo = z.object({
  id: TerminalId,
  kind: z.enum(['local', 'ssh', 'kube-exec', 'kube-logs']),
  title: z.string(),
  /** The program running as the session's shell ("ssh deploy@web-1:22" for SSH). */
  shell: z.string(),
  /** The local process, for local sessions. */
  pid: z.number().int().optional(),
  hostId: z.string().optional(),
  /** Pod sessions: the context, namespace, pod and container. */
  pod: z.object({ context: z.string(), namespace: z.string(), pod: z.string(), container: z.string() }).optional(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

/** What a terminal's output stream carries. Data is sized in characters for flow control. */
export const TerminalEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), data: z.string() }),
  z.object({ type: z.literal('exit'), exitCode: z.number().int(), signal: z.number().int().nullable() }),
  /** A remote session's connection: connecting, connected, lost, reconnecting (attempt n), failed (why). */
  z.object({
    type: z.literal('state'),
    state: ConnectionStateName,
    attempt: z.number().int().optional(),
    nextRetryInMs: z.number().int().optional(),
    reason: z.string().optional(),
    /** Which failure: a host key problem is not retried and offers no way around it. */
    failure: SshFailureKind.optional(),
  }),
]);
export type TerminalEvent = z.infer<typeof TerminalEvent>;

export const WriteTerminal = z.object({ id: TerminalId, data: z.string().max(1_000_000) });
export const ResizeTerminal = z.object({ id: TerminalId, ...Size });

export const TerminalBusy = z.object({
  /** True when a program other than the shell runs in the foreground. */
  busy: z.boolean(),
  /** That program's name. */
  process: z.string().optional(),
});
