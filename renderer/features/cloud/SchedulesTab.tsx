// Save cost: what runs now (and has for how long), and schedules that keep
// tagged instances running only during working hours.
import { useState } from 'react';
import type { Schedule } from '../../../shared/contract/cloud';
import { useAppStore } from '../../app/store';
import { Dialog } from '../../ui/Dialog';
import { duration } from '../../ui/format';
import { useNow } from './hooks';
import { describeDays, draftOf } from './model/schedule-form';
import { formatHours, runningSummary } from './model/summary';
import { ScheduleEditor } from './ScheduleEditor';
import { cloudSelectors } from './store/selectors';

export function SchedulesTab() {
  const draft = useAppStore((s) => s.cloudScheduleDraft);
  return (
    <div className="cloud-schedules">
      <div className="cloud-schedules-main">
        <RunningNow />
        <ScheduleList />
      </div>
      {draft ? <ScheduleEditor key={draft.id ?? 'new'} draft={draft} /> : null}
    </div>
  );
}

function RunningNow() {
  const all = useAppStore(cloudSelectors.instances);
  const live = useAppStore((s) => s.cloudLive);
  const now = useNow(60_000);
  const summary = runningSummary(all, now);
  const { setCloudSelection, openCloudDetails, setCloudTab } = useAppStore.getState();
  const show = (id: string) => {
    setCloudSelection({ ids: [id], anchor: id });
    openCloudDetails(id);
    setCloudTab('instances');
  };
  const regions = Object.keys(live?.regions ?? {});
  return (
    <section className="cloud-section cloud-running" aria-label="Running now" data-testid="cloud-running-summary" data-count={summary.count}>
      <h2>Running now</h2>
      <p>
        <strong>
          {summary.count} instance{summary.count === 1 ? '' : 's'}
        </strong>{' '}
        running, <strong>{formatHours(summary.hours)}</strong> since their last start
        <span className="hint">
          {' '}
          ({live ? `profile ${live.profile}, ${regions.join(', ')}` : 'nothing listed yet'})
        </span>
      </p>
      {summary.count ? (
        <div className="cloud-running-grid">
          <table className="cloud-plain-table">
            <caption>By type</caption>
            <thead>
              <tr>
                <th>Type</th>
                <th className="num">Running</th>
                <th className="num">Instance-hours</th>
              </tr>
            </thead>
            <tbody>
              {summary.byType.map((t) => (
                <tr key={t.type}>
                  <td>
                    <code>{t.type}</code>
                  </td>
                  <td className="num">{t.count}</td>
                  <td className="num">{formatHours(t.hours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="cloud-plain-table">
            <caption>Longest running</caption>
            <thead>
              <tr>
                <th>Instance</th>
                <th>Type</th>
                <th>Region</th>
                <th className="num">Up for</th>
              </tr>
            </thead>
            <tbody>
              {summary.longest.slice(0, 10).map(({ instance, hours }) => (
                <tr key={instance.id}>
                  <td>
                    <button type="button" className="link-button" title="Show it in the table" onClick={() => show(instance.id)}>
                      {instance.name || instance.id}
                    </button>
                  </td>
                  <td>
                    <code>{instance.type}</code>
                  </td>
                  <td>{instance.region}</td>
                  <td className="num">{hours === undefined ? '—' : duration(hours * 3600)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function ScheduleList() {
  const schedules = useAppStore((s) => s.cloudSchedules);
  const error = useAppStore((s) => s.cloudSchedulesError);
  const editing = useAppStore((s) => s.cloudScheduleDraft?.id);
  const { editCloudSchedule, loadCloudSchedules } = useAppStore.getState();
  return (
    <section className="cloud-section" aria-label="Schedules">
      <header className="cloud-section-header">
        <h2>Schedules</h2>
        <span className="toolbar-spacer" />
        <button type="button" className="primary" data-testid="cloud-schedule-new" onClick={() => editCloudSchedule('new')}>
          New schedule
        </button>
      </header>
      <p className="hint">
        Instances with a schedule's tag run on its days between its hours and are stopped outside them. Schedules are applied every minute while the workbench runs; Preview shows what one would do now.
      </p>
      {error ? (
        <p className="cloud-inline-error" role="alert">
          Could not read the schedules: {error}{' '}
          <button type="button" className="link-button" onClick={() => void loadCloudSchedules()}>
            Try again
          </button>
        </p>
      ) : null}
      {!schedules ? (
        error ? null : <p className="hint">Reading the schedules…</p>
      ) : schedules.length === 0 ? (
        <p className="cloud-empty-line">No schedule yet. A schedule such as “Mon–Fri 08:00–19:00” stops development instances at night and at weekends.</p>
      ) : (
        <table className="cloud-plain-table cloud-schedule-table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Instances tagged</th>
              <th>Runs</th>
              <th>Profile · regions</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {schedules.map((s) => (
              <ScheduleRow key={s.id} schedule={s} editing={editing === s.id} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ScheduleRow({ schedule: s, editing }: { schedule: Schedule; editing: boolean }) {
  const { editCloudSchedule, removeCloudSchedule, runCloudSchedule, pushToast } = useAppStore.getState();
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const run = async () => {
    setBusy(true);
    const result = await runCloudSchedule(s.id);
    setBusy(false);
    pushToast(`${s.name}: ${result.changes.length} instance${result.changes.length === 1 ? '' : 's'} changed${result.errors.length ? `; ${result.errors.join('; ')}` : ''}.`);
  };
  return (
    <tr className={`${editing ? 'editing' : ''}${s.enabled ? '' : ' paused'}`} data-testid={`cloud-schedule-row-${s.id}`}>
      <td>
        <strong>{s.name}</strong> {s.enabled ? null : <span className="chip">paused</span>}
      </td>
      <td>
        <code>
          {s.tagKey}={s.tagValue}
        </code>
      </td>
      <td>
        {describeDays(s.days)} {s.start}–{s.end} <span className="hint">{s.timezone ?? ''}</span>
      </td>
      <td>
        {s.profile} · {s.regions.join(', ')}
      </td>
      <td className="cloud-row-actions">
        <button type="button" aria-label={`Edit ${s.name}`} onClick={() => editCloudSchedule(draftOf(s))}>
          Edit
        </button>
        <button type="button" aria-label={`Run ${s.name} now`} disabled={busy} onClick={() => void run()}>
          {busy ? 'Running…' : 'Run now'}
        </button>
        <button type="button" className="cloud-danger-text" aria-label={`Delete ${s.name}`} onClick={() => setConfirmDelete(true)}>
          Delete
        </button>
        {confirmDelete ? (
          <Dialog
            title={`Delete the schedule ${s.name}?`}
            confirmLabel="Delete"
            danger
            onCancel={() => setConfirmDelete(false)}
            onConfirm={() => {
              setConfirmDelete(false);
              void removeCloudSchedule(s.id);
            }}
          >
            <p>Its instances are left as they are now, and no longer started or stopped by it.</p>
          </Dialog>
        ) : null}
      </td>
    </tr>
  );
}
