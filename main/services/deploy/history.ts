// Deployment history in SQLite (node:sqlite, the user data directory's
// history.sqlite beside the bulk-run history): who ran which recipe at which
// version (hash), with which parameters (secrets masked), how each target
// and step ended, their output, and how long it took. A run still "running"
// when the app starts was cut off by an exit: it becomes "interrupted".
// Also remembered: where each target's lock lives, so the Locks view can
// look for locks left behind by runs that died.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { DeployRun, DeployRunDetail, DeployRunSummary, DeployRunStatus, ParamValues, TargetStatus } from '../../../shared/contract/deploy';
import type { LockTarget } from './locks';

const STATUSES: TargetStatus[] = ['pending', 'running', 'ok', 'failed', 'rolled-back', 'cancelled', 'skipped'];

export function countTargets(run: DeployRun): Record<TargetStatus, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<TargetStatus, number>;
  for (const t of run.targets) counts[t.status]++;
  return counts;
}

export class DeployHistory {
  private readonly db: DatabaseSync;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new DatabaseSync(path.join(dataDir, 'history.sqlite'));
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS deploy_runs (
        id TEXT PRIMARY KEY,
        recipe TEXT NOT NULL,
        file TEXT NOT NULL,
        hash TEXT NOT NULL,
        user TEXT NOT NULL,
        machine TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        finished_at INTEGER,
        status TEXT NOT NULL,
        params TEXT NOT NULL,
        last_params TEXT NOT NULL,
        snapshot TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS deploy_runs_started ON deploy_runs (started_at DESC);
      CREATE INDEX IF NOT EXISTS deploy_runs_file ON deploy_runs (file, started_at DESC);
      CREATE TABLE IF NOT EXISTS deploy_outputs (
        run_id TEXT NOT NULL REFERENCES deploy_runs(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      );
      CREATE TABLE IF NOT EXISTS deploy_lock_places (
        target TEXT NOT NULL,
        place TEXT NOT NULL,
        stale_after_ms INTEGER NOT NULL,
        seen_at INTEGER NOT NULL,
        PRIMARY KEY (target, place)
      );
    `);
    // Runs cut off by an exit the app could not record (a crash, a kill).
    for (const row of this.db.prepare("SELECT id, snapshot FROM deploy_runs WHERE status = 'running'").all() as Array<{ id: string; snapshot: string }>) {
      const run = JSON.parse(row.snapshot) as DeployRun;
      this.finish({ ...run, status: 'interrupted', message: run.message ?? 'the app stopped during this run', finishedAt: run.finishedAt ?? run.startedAt }, new Map());
    }
  }

  /** `lastParams`: the values to prefill next time (secrets left out). */
  start(run: DeployRun, meta: { file: string; user: string; machine: string; lastParams: ParamValues }): void {
    this.db
      .prepare('INSERT INTO deploy_runs (id, recipe, file, hash, user, machine, started_at, status, params, last_params, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(run.id, run.plan.recipe.name, meta.file, run.plan.recipe.hash, meta.user, meta.machine, run.startedAt, run.status, JSON.stringify(run.plan.params), JSON.stringify(meta.lastParams), JSON.stringify(run));
  }

  /** The state so far (a target finished): an exit loses no more than the steps running now. */
  update(run: DeployRun): void {
    this.db.prepare('UPDATE deploy_runs SET snapshot = ?, status = ? WHERE id = ?').run(JSON.stringify(run), run.status, run.id);
  }

  finish(run: DeployRun, outputs: ReadonlyMap<string, string>): void {
    this.db.exec('BEGIN');
    try {
      this.db.prepare('UPDATE deploy_runs SET snapshot = ?, status = ?, finished_at = ? WHERE id = ?').run(JSON.stringify(run), run.status, run.finishedAt ?? Date.now(), run.id);
      const put = this.db.prepare('INSERT OR REPLACE INTO deploy_outputs (run_id, key, text) VALUES (?, ?, ?)');
      for (const [key, text] of outputs) put.run(run.id, key, text);
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  list(limit: number): DeployRunSummary[] {
    const rows = this.db.prepare('SELECT * FROM deploy_runs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit) as Array<Record<string, unknown>>;
    return rows.map((row) => toSummary(row));
  }

  get(id: string): DeployRunDetail | undefined {
    const row = this.db.prepare('SELECT * FROM deploy_runs WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!row) return undefined;
    const outputs: Record<string, string> = {};
    for (const o of this.db.prepare('SELECT key, text FROM deploy_outputs WHERE run_id = ?').all(id) as Array<{ key: string; text: string }>) outputs[o.key] = o.text;
    return { summary: toSummary(row), run: JSON.parse(String(row.snapshot)) as DeployRun, outputs };
  }

  /** The parameters of the last run of a recipe file (secrets left out). */
  lastParams(file: string): ParamValues | undefined {
    const row = this.db.prepare('SELECT last_params FROM deploy_runs WHERE file = ? ORDER BY started_at DESC, rowid DESC LIMIT 1').get(file) as { last_params: string } | undefined;
    return row ? (JSON.parse(row.last_params) as ParamValues) : undefined;
  }

  rememberLockPlace(target: LockTarget, staleAfterMs: number): void {
    this.db.prepare('INSERT OR REPLACE INTO deploy_lock_places (target, place, stale_after_ms, seen_at) VALUES (?, ?, ?, ?)').run(target.id, JSON.stringify(target), Math.round(staleAfterMs), Date.now());
  }

  lockPlaces(targets: readonly string[]): Array<{ target: LockTarget; staleAfterMs: number }> {
    const rows = this.db.prepare('SELECT place, stale_after_ms FROM deploy_lock_places ORDER BY target').all() as Array<{ place: string; stale_after_ms: number }>;
    const wanted = new Set(targets);
    return rows.map((r) => ({ target: JSON.parse(r.place) as LockTarget, staleAfterMs: r.stale_after_ms })).filter((p) => wanted.size === 0 || wanted.has(p.target.id));
  }

  close(): void {
    this.db.close();
  }
}

function toSummary(row: Record<string, unknown>): DeployRunSummary {
  const run = JSON.parse(String(row.snapshot)) as DeployRun;
  return {
    id: String(row.id),
    recipe: String(row.recipe),
    file: String(row.file),
    hash: String(row.hash),
    user: String(row.user),
    machine: String(row.machine),
    startedAt: Number(row.started_at),
    ...(row.finished_at === null || row.finished_at === undefined ? {} : { finishedAt: Number(row.finished_at) }),
    status: row.status as DeployRunStatus,
    params: JSON.parse(String(row.params)) as Record<string, string>,
    targets: run.targets.length,
    counts: countTargets(run),
  };
}
