import { z } from 'zod';

export const Threshold = z.object({ warn: z.number(), crit: z.number() });

export const FleetSettings = z.object({
  /** Seconds between health sweeps. */
  intervalS: z.number().int().min(2).max(3600).default(10),
  paused: z.boolean().default(false),
  /** Hosts probed at once. */
  concurrency: z.number().int().min(1).max(500).default(32),
  /** A host that has not answered in this many seconds is unreachable for this sweep. */
  timeoutS: z.number().min(1).max(120).default(5),
  thresholds: z
    .object({
      /** Load average per core. */
      load: Threshold.default({ warn: 1, crit: 2 }),
      cpu: Threshold.default({ warn: 80, crit: 95 }),
      mem: Threshold.default({ warn: 85, crit: 95 }),
      disk: Threshold.default({ warn: 80, crit: 90 }),
    })
    .prefault({}),
  /** Bulk runs: hosts at once, and output kept per host. */
  /** Start watching health (and raising alerts) when the app starts, not only once Health is opened. */
  monitorOnStart: z.boolean().default(false),
  runConcurrency: z.number().int().min(1).max(500).default(20),
  outputCapKb: z.number().int().min(1).max(65536).default(256),
});
export type FleetSettings = z.infer<typeof FleetSettings>;

export const HealthStatus = z.enum(['ok', 'warn', 'crit', 'unreachable', 'unsupported', 'auth', 'unknown']);
export type HealthStatus = z.infer<typeof HealthStatus>;

export const HostHealth = z.object({
  hostId: z.string(),
  status: HealthStatus,
  /** Why it is unreachable, unsupported or needs a login. */
  error: z.string().optional(),
  /** Round trip: how long sshd took to accept the probe (network plus starting it), ms. */
  rttMs: z.number().optional(),
  uptimeS: z.number().optional(),
  load: z.tuple([z.number(), z.number(), z.number()]).optional(),
  cores: z.number().int().optional(),
  cpuPct: z.number().optional(),
  memPct: z.number().optional(),
  disk: z.object({ mount: z.string(), usedPct: z.number() }).optional(),
  os: z.string().optional(),
  kernel: z.string().optional(),
  release: z.string().optional(),
  /** When it last answered (epoch ms). */
  lastSeen: z.number().optional(),
  /** Which metrics are past a threshold, and how far. */
  flags: z.array(z.object({ metric: z.enum(['load', 'cpu', 'mem', 'disk']), level: z.enum(['warn', 'crit']) })),
});
export type HostHealth = z.infer<typeof HostHealth>;

/** One point of a host's last hour, for sparklines. */
export const HealthSample = z.object({
  t: z.number(),
  cpu: z.number().nullable(),
  mem: z.number().nullable(),
  load: z.number().nullable(),
  disk: z.number().nullable(),
  rtt: z.number().nullable(),
});
export type HealthSample = z.infer<typeof HealthSample>;

export const FleetAlert = z.object({
  hostId: z.string(),
  kind: z.enum(['unreachable', 'load', 'cpu', 'mem', 'disk']),
  level: z.enum(['warn', 'crit']),
  /** When it started (epoch ms). */
  since: z.number(),
  detail: z.string(),
});
export type FleetAlert = z.infer<typeof FleetAlert>;

export const SweepInfo = z.object({ at: z.number(), durationMs: z.number(), hosts: z.number().int(), intervalS: z.number(), paused: z.boolean() });

export const HealthEvent = z.discriminatedUnion('type', [
  /** Everything known so far, sent first. */
  z.object({ type: z.literal('snapshot'), hosts: z.array(HostHealth), history: z.record(z.string(), z.array(HealthSample)), alerts: z.array(FleetAlert), sweep: SweepInfo.nullable() }),
  /** After each sweep: every host's state and its new sample. */
  z.object({ type: z.literal('sweep'), hosts: z.array(HostHealth), samples: z.record(z.string(), HealthSample), alerts: z.array(FleetAlert), sweep: SweepInfo }),
]);
export type HealthEvent = z.infer<typeof HealthEvent>;

export const RunRequest = z.object({
  command: z.string().min(1).max(100_000),
  hostIds: z.array(z.string().min(1).max(255)).min(1).max(5000),
  concurrency: z.number().int().min(1).max(500).optional(),
});

export const HostRunStatus = z.enum(['ok', 'failed', 'unreachable', 'cancelled']);

export const RunEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), runId: z.number().int(), hostIds: z.array(z.string()), outputCapKb: z.number() }),
  z.object({ type: z.literal('host-started'), hostId: z.string() }),
  z.object({ type: z.literal('output'), hostId: z.string(), stream: z.enum(['stdout', 'stderr']), data: z.string() }),
  /** The host's output passed the cap: the rest is not kept (the command still runs to its end). */
  z.object({ type: z.literal('truncated'), hostId: z.string() }),
  z.object({
    type: z.literal('host-finished'),
    hostId: z.string(),
    status: HostRunStatus,
    exitCode: z.number().int().nullable(),
    signal: z.string().nullable(),
    durationMs: z.number(),
    error: z.string().nullable(),
  }),
  z.object({ type: z.literal('finished'), runId: z.number().int(), status: z.enum(['done', 'cancelled']), counts: z.record(HostRunStatus, z.number().int()), durationMs: z.number() }),
]);
export type RunEvent = z.infer<typeof RunEvent>;

export const RunSummary = z.object({
  id: z.number().int(),
  kind: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  command: z.string(),
  hostIds: z.array(z.string()),
  status: z.enum(['running', 'done', 'cancelled', 'interrupted']),
  counts: z.record(HostRunStatus, z.number().int()),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunDetail = z.object({
  run: RunSummary,
  hosts: z.array(
    z.object({
      hostId: z.string(),
      status: HostRunStatus,
      exitCode: z.number().int().nullable(),
      signal: z.string().nullable(),
      durationMs: z.number(),
      output: z.string(),
      truncated: z.boolean(),
      error: z.string().nullable(),
    }),
  ),
});
