// Logs: one merged, parsed, searchable view over any mix of sources (pods,
// many pods by selector, files on SSH hosts, journald, local files). Main
// keeps every line in an indexed store per view; the renderer asks only for
// the window it shows, and is told counts, source states and when new lines
// arrived.
import { z } from 'zod';

export const LogLevel = z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'unknown']);
export type LogLevel = z.infer<typeof LogLevel>;

const Path = z.string().min(1).max(4096);

export const LogSourceSpec = z.discriminatedUnion('kind', [
  /** One pod: a container, every container ('*'), or the previous instance. */
  z.object({ kind: z.literal('pod'), context: z.string().min(1), namespace: z.string().min(1), pod: z.string().min(1), container: z.string().default('*'), previous: z.boolean().default(false) }),
  /** Every pod matching a label selector (a workload's pods), following pods that come and go, as stern does. */
  z.object({ kind: z.literal('pods'), context: z.string().min(1), namespace: z.string().min(1), labelSelector: z.string().min(1).max(2000), container: z.string().default('*') }),
  /** A file on an SSH host, followed across rotation (`tail -F`). */
  z.object({ kind: z.literal('ssh-file'), hostId: z.string().min(1), path: Path }),
  /** journald on an SSH host (`journalctl -f -o json`), optionally one unit. */
  z.object({ kind: z.literal('journald'), hostId: z.string().min(1), unit: z.string().max(256).optional() }),
  /** A file on this machine, followed across rotation. */
  z.object({ kind: z.literal('file'), path: Path }),
]);
export type LogSourceSpec = z.infer<typeof LogSourceSpec>;

export const SourceState = z.object({
  /** Stable per view: `web-1/nginx`, `db-1:/var/log/syslog`. */
  id: z.string(),
  label: z.string(),
  state: z.enum(['connecting', 'streaming', 'retrying', 'ended', 'failed']),
  /** Why it is retrying or failed: "permission denied", "403 Forbidden", "connection lost". */
  message: z.string().optional(),
  lines: z.number().int(),
});
export type SourceState = z.infer<typeof SourceState>;

export const TextFilter = z.object({
  text: z.string().min(1).max(2000),
  regex: z.boolean().default(false),
  caseSensitive: z.boolean().default(false),
  /** Exclude lines that match instead of keeping only them. */
  exclude: z.boolean().default(false),
});
export type TextFilter = z.infer<typeof TextFilter>;

export const LogFilter = z.object({
  text: z.array(TextFilter).max(20).default([]),
  /** Empty: every level. */
  levels: z.array(LogLevel).default([]),
  /** Epoch ms, inclusive. */
  from: z.number().optional(),
  to: z.number().optional(),
  /** `key=value` on JSON/logfmt fields (value `*`: the field exists). */
  fields: z.array(z.object({ key: z.string().min(1).max(200), value: z.string().max(2000) })).max(20).default([]),
  /** Only these sources (ids); empty: all. */
  sources: z.array(z.string()).default([]),
});
export type LogFilter = z.infer<typeof LogFilter>;

export const LogLine = z.object({
  /** Position in the view's merged order (stable until lines are dropped from the front). */
  seq: z.number().int(),
  /** Epoch ms: the line's own timestamp, else when it arrived. */
  time: z.number(),
  /** Whether `time` came from the line (or Kubernetes) rather than arrival. */
  timed: z.boolean(),
  source: z.string(),
  level: LogLevel,
  /** The format recognised: json, logfmt, syslog, access, klog, python, plain… */
  format: z.string(),
  /** The message without the parts shown in columns (timestamp, level); ANSI kept for the renderer. */
  text: z.string(),
  /** Continuation lines (a stack trace) kept with their entry. */
  extra: z.array(z.string()).optional(),
  fields: z.record(z.string(), z.string()).optional(),
});
export type LogLine = z.infer<typeof LogLine>;

export const WindowRequest = z.object({
  viewId: z.string(),
  filter: LogFilter,
  /** Index among the filtered lines; negative counts from the end (-1: the last). */
  offset: z.number().int(),
  limit: z.number().int().min(1).max(2000),
});

export const LogWindow = z.object({
  offset: z.number().int(),
  lines: z.array(LogLine),
  /** Lines matching the filter, and lines in the view. */
  matched: z.number().int(),
  total: z.number().int(),
  /** A regex that does not compile: which filter, and why. */
  filterError: z.object({ index: z.number().int(), message: z.string() }).optional(),
});
export type LogWindow = z.infer<typeof LogWindow>;

export const HistogramRequest = z.object({ viewId: z.string(), filter: LogFilter, buckets: z.number().int().min(1).max(500).default(120) });
export const Histogram = z.object({
  /** Bucket start times (epoch ms) and width. */
  from: z.number(),
  bucketMs: z.number(),
  /** Per bucket: counts by level. */
  counts: z.array(z.record(z.string(), z.number().int())),
});
export type Histogram = z.infer<typeof Histogram>;

export const LogViewEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sources'), sources: z.array(SourceState) }),
  /** Lines arrived (at most a few times a second): the new total, and whether the oldest were dropped to stay under the cap. */
  z.object({ type: z.literal('grew'), total: z.number().int(), dropped: z.number().int(), firstSeq: z.number().int() }),
  /** Fields seen so far in JSON/logfmt lines, for column choices. */
  z.object({ type: z.literal('fields'), keys: z.array(z.string()) }),
]);
export type LogViewEvent = z.infer<typeof LogViewEvent>;

export const LogSettings = z.object({
  /** Lines kept per view; the oldest go first, and the view says so. */
  maxLines: z.number().int().min(10_000).max(20_000_000).default(2_000_000),
  /** Lines read back when a pod or file source starts. */
  tailLines: z.number().int().min(0).max(1_000_000).default(10_000),
  /** Columns shown per source kind or source (key → JSON/logfmt field names). */
  columns: z.record(z.string(), z.array(z.string()).max(20)).default({}),
});
export type LogSettings = z.infer<typeof LogSettings>;
