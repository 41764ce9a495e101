// Run history (bulk commands now, deployments later) in SQLite: the built-in
// node:sqlite, so no ABI-bound addon has to match Node or Electron. A run still
// marked "running" when the app starts was cut off by an exit: it becomes
// "interrupted".
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export type RunStatus = 'running' | 'done' | 'cancelled' | 'interrupted';
export type HostRunStatus = 'ok' | 'failed' | 'unreachable' | 'cancelled';

export interface RunSummary {
  id: number;
  kind: string;
  startedAt: number;
  finishedAt: number | null;
  command: string;
  hostIds: string[];
  status: RunStatus;
  counts: Record<HostRunStatus, number>;
}

export interface HostRunRecord {
  hostId: string;
  status: HostRunStatus;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  output: string;
  truncated: boolean;
  error: string | null;
}

const SCHEMA_VERSION = 2;

export interface CloudActionRecord {
  at: number;
  profile: string;
  region: string;
  action: string;
  instanceId: string;
  instanceName: string;
  /** 'manual', or 'schedule: <its name>'. */
  by: string;
  ok: boolean;
  detail: string;
}

export class RunHistory {
  private readonly db: DatabaseSync;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(path.join(dataDir, 'history.sqlite'));
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;');
    const version = (this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
    if (version < 1) {
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS runs (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          kind TEXT NOT NULL,
          started_at INTEGER NOT NULL,
          finished_at INTEGER,
          command TEXT NOT NULL,
          host_ids TEXT NOT NULL,
          status TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS run_hosts (
          run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
          host_id TEXT NOT NULL,
          status TEXT NOT NULL,
          exit_code INTEGER,
          signal TEXT,
          duration_ms INTEGER NOT NULL,
          output TEXT NOT NULL,
          truncated INTEGER NOT NULL,
          error TEXT,
          PRIMARY KEY (run_id, host_id)
        );
        CREATE INDEX IF NOT EXISTS runs_started ON runs (started_at DESC);
        PRAGMA user_version = ${SCHEMA_VERSION};
      `);
    }
    if (version < 2) {
      // Version 2: what was done to cloud instances, by hand or by a schedule.
      this.db.exec(`
        CREATE TABLE IF NOT EXISTS cloud_actions (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          at INTEGER NOT NULL,
          profile TEXT NOT NULL,
          region TEXT NOT NULL,
          action TEXT NOT NULL,
          instance_id TEXT NOT NULL,
          instance_name TEXT NOT NULL,
          by TEXT NOT NULL,
          ok INTEGER NOT NULL,
          detail TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS cloud_actions_at ON cloud_actions (at DESC);
        PRAGMA user_version = ${SCHEMA_VERSION};
      `);
    }
    this.db.prepare("UPDATE runs SET status = 'interrupted', finished_at = started_at WHERE status = 'running'").run();
  }

  start(kind: string, command: string, hostIds: string[], startedAt = Date.now()): number {
    const result = this.db.prepare('INSERT INTO runs (kind, started_at, command, host_ids, status) VALUES (?, ?, ?, ?, ?)').run(kind, startedAt, command, JSON.stringify(hostIds), 'running');
    return Number(result.lastInsertRowid);
  }

  recordHost(runId: number, record: HostRunRecord): void {
    this.db
      .prepare('INSERT OR REPLACE INTO run_hosts (run_id, host_id, status, exit_code, signal, duration_ms, output, truncated, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(runId, record.hostId, record.status, record.exitCode, record.signal, Math.round(record.durationMs), record.output, record.truncated ? 1 : 0, record.error);
  }

  finish(runId: number, status: Exclude<RunStatus, 'running'>, finishedAt = Date.now()): void {
    this.db.prepare('UPDATE runs SET status = ?, finished_at = ? WHERE id = ?').run(status, finishedAt, runId);
  }

  list(limit = 50): RunSummary[] {
    const runs = this.db.prepare('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as Array<Record<string, unknown>>;
    const counts = this.db.prepare('SELECT status, COUNT(*) AS n FROM run_hosts WHERE run_id = ? GROUP BY status');
    return runs.map((row) => {
      const tally: Record<HostRunStatus, number> = { ok: 0, failed: 0, unreachable: 0, cancelled: 0 };
      for (const c of counts.all(row.id as number) as Array<{ status: HostRunStatus; n: number }>) tally[c.status] = c.n;
      return toSummary(row, tally);
    });
  }

  get(runId: number): { run: RunSummary; hosts: HostRunRecord[] } | undefined {
    const row = this.db.prepare('SELECT * FROM runs WHERE id = ?').get(runId) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const hosts = (this.db.prepare('SELECT * FROM run_hosts WHERE run_id = ? ORDER BY host_id').all(runId) as Array<Record<string, unknown>>).map((h) => ({
      hostId: String(h.host_id),
      status: h.status as HostRunStatus,
      exitCode: (h.exit_code as number | null) ?? null,
      signal: (h.signal as string | null) ?? null,
      durationMs: Number(h.duration_ms),
      output: String(h.output),
      truncated: Number(h.truncated) === 1,
      error: (h.error as string | null) ?? null,
    }));
    const tally: Record<HostRunStatus, number> = { ok: 0, failed: 0, unreachable: 0, cancelled: 0 };
    for (const h of hosts) tally[h.status]++;
    return { run: toSummary(row, tally), hosts };
  }

  recordCloudAction(record: CloudActionRecord): void {
    this.db
      .prepare('INSERT INTO cloud_actions (at, profile, region, action, instance_id, instance_name, by, ok, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(record.at, record.profile, record.region, record.action, record.instanceId, record.instanceName, record.by, record.ok ? 1 : 0, record.detail);
  }

  cloudActions(limit = 500): Array<CloudActionRecord & { id: number }> {
    return (this.db.prepare('SELECT * FROM cloud_actions ORDER BY at DESC, id DESC LIMIT ?').all(limit) as Array<Record<string, unknown>>).map((row) => ({
      id: Number(row.id),
      at: Number(row.at),
      profile: String(row.profile),
      region: String(row.region),
      action: String(row.action),
      instanceId: String(row.instance_id),
      instanceName: String(row.instance_name),
      by: String(row.by),
      ok: Number(row.ok) === 1,
      detail: String(row.detail),
    }));
  }

  close(): void {
    this.db.close();
  }
}

function toSummary(row: Record<string, unknown>, counts: Record<HostRunStatus, number>): RunSummary {
  return {
    id: Number(row.id),
    kind: String(row.kind),
    startedAt: Number(row.started_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    command: String(row.command),
    hostIds: JSON.parse(String(row.host_ids)) as string[],
    status: row.status as RunStatus,
    counts,
  };
}
