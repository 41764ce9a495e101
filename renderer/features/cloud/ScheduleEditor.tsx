// Create or edit a schedule; preview what it would stop and start right now;
// run it now; delete it.
import { useState, type ReactNode } from 'react';
import type { SchedulePreview } from '../../../shared/contract/cloud';
import { useAppStore } from '../../app/store';
import { api } from '../../transport/current';
import { Dialog } from '../../ui/Dialog';
import { CloudIcon, Spinner } from './CloudIcons';
import { defaultRegions } from './model/regions';
import { checkSchedule, DAY_NAMES, WEEK_ORDER, type ScheduleDraft } from './model/schedule-form';
import { RegionPicker } from './RegionSelect';
import { errorText, type ScheduleRun } from './store/action';

let zones: string[] | undefined;
const timeZones = (): string[] => (zones ??= typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC']);

export function ScheduleEditor({ draft }: { draft: ScheduleDraft }) {
  const profiles = useAppStore((s) => s.cloudProfiles?.profiles);
  const activeProfile = useAppStore((s) => s.cloudProfile);
  const settingsRegions = useAppStore((s) => s.settings.cloud.regions);
  const { editCloudSchedule, saveCloudSchedule, removeCloudSchedule, runCloudSchedule } = useAppStore.getState();
  const [form, setForm] = useState<ScheduleDraft>(() => ({ ...draft, profile: draft.profile || activeProfile || '' }));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState<'save' | 'preview' | 'run' | undefined>();
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<SchedulePreview>();
  const [run, setRun] = useState<ScheduleRun>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const check = checkSchedule(form);
  const shown = touched ? check.errors : {};
  const profile = profiles?.find((p) => p.name === form.profile);
  const saved = draft.id !== undefined;

  const change = (patch: Partial<ScheduleDraft>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPreview(undefined);
  };
  const toggleDay = (day: number) => change({ days: form.days.includes(day) ? form.days.filter((d) => d !== day) : [...form.days, day].sort() });

  const save = async () => {
    setTouched(true);
    if (!check.value) return;
    setBusy('save');
    setError(undefined);
    try {
      const schedule = await saveCloudSchedule(check.value);
      useAppStore.getState().pushToast(`Schedule ${schedule.name} saved.`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };

  const doPreview = async () => {
    setTouched(true);
    if (!check.value) return;
    setBusy('preview');
    setError(undefined);
    try {
      setPreview(await api().cloud.preview(check.value));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(undefined);
    }
  };

  const doRun = async () => {
    if (!draft.id) return;
    setBusy('run');
    setRun(await runCloudSchedule(draft.id));
    setBusy(undefined);
  };

  return (
    <aside className="cloud-schedule-editor" aria-label={saved ? `Edit schedule ${draft.name}` : 'New schedule'} data-testid="cloud-schedule-editor">
      <header className="cloud-details-header">
        <div className="cloud-details-title">
          <strong>{saved ? draft.name : 'New schedule'}</strong>
        </div>
        <button type="button" className="icon-button" aria-label="Close the schedule" onClick={() => editCloudSchedule(undefined)}>
          <CloudIcon name="close" size={13} />
        </button>
      </header>
      <form
        className="cloud-schedule-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Name" error={shown.name}>
          <input type="text" data-testid="cloud-schedule-name" autoFocus placeholder="Office hours" value={form.name} onChange={(e) => change({ name: e.target.value })} aria-invalid={!!shown.name} />
        </Field>
        <Field label="Profile" error={shown.profile}>
          <select data-testid="cloud-schedule-profile" value={form.profile} onChange={(e) => change({ profile: e.target.value })} aria-invalid={!!shown.profile}>
            {form.profile && !profile ? <option value={form.profile}>{form.profile} (not in the AWS config)</option> : null}
            {!form.profile ? <option value="">Pick a profile</option> : null}
            {(profiles ?? []).map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Regions" error={shown.regions}>
          <RegionPicker
            regions={form.regions}
            onChange={(regions) => change({ regions })}
            defaults={defaultRegions(profile, settingsRegions)}
            profileRegion={profile?.region}
            testId="cloud-schedule-regions"
            optionTestId="cloud-schedule-region-option"
            invalid={!!shown.regions}
          />
        </Field>
        <Field label="Instances tagged" error={shown.tag} hint="key=value: every instance with this tag follows the schedule.">
          <input type="text" data-testid="cloud-schedule-tag" spellCheck={false} placeholder="Schedule=office-hours" value={form.tag} onChange={(e) => change({ tag: e.target.value })} aria-invalid={!!shown.tag} />
        </Field>
        <Field label="Running on">
          <div className="cloud-days" role="group" aria-label="Days the instances run">
            {WEEK_ORDER.map((day) => (
              <button key={day} type="button" className="cloud-day" aria-pressed={form.days.includes(day)} data-testid={`cloud-schedule-day-${day}`} onClick={() => toggleDay(day)}>
                {DAY_NAMES[day]}
              </button>
            ))}
          </div>
        </Field>
        <div className="cloud-times">
          <Field label="From" error={shown.start}>
            <input type="time" data-testid="cloud-schedule-start" value={form.start} onChange={(e) => change({ start: e.target.value })} aria-invalid={!!shown.start} />
          </Field>
          <Field label="Until" error={shown.end}>
            <input type="time" data-testid="cloud-schedule-end" value={form.end} onChange={(e) => change({ end: e.target.value })} aria-invalid={!!shown.end} />
          </Field>
        </div>
        <Field label="Time zone" error={shown.timezone}>
          <input type="text" list="cloud-time-zones" data-testid="cloud-schedule-timezone" spellCheck={false} value={form.timezone} onChange={(e) => change({ timezone: e.target.value })} aria-invalid={!!shown.timezone} />
          <datalist id="cloud-time-zones">
            {timeZones().map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field>
        <label className="cloud-check">
          <input type="checkbox" data-testid="cloud-schedule-enabled" checked={form.enabled} onChange={(e) => change({ enabled: e.target.checked })} /> Enabled (applied every minute)
        </label>
        {check.warnings.map((w) => (
          <p key={w} className="cloud-warning">
            {w}
          </p>
        ))}
        {error ? (
          <p className="cloud-inline-error" role="alert" data-testid="cloud-schedule-error">
            {error}
          </p>
        ) : null}
        <div className="cloud-schedule-buttons">
          <button type="submit" className="primary" data-testid="cloud-schedule-save" disabled={!!busy}>
            {busy === 'save' ? 'Saving…' : 'Save'}
          </button>
          <button type="button" data-testid="cloud-schedule-preview" disabled={!!busy} onClick={() => void doPreview()}>
            {busy === 'preview' ? <Spinner /> : null} Preview
          </button>
          <button type="button" data-testid="cloud-schedule-run" disabled={!saved || !!busy} title={saved ? 'Apply the saved schedule now' : 'Save it first'} onClick={() => void doRun()}>
            {busy === 'run' ? <Spinner /> : null} Run now
          </button>
          <span className="toolbar-spacer" />
          {saved ? (
            <button type="button" className="cloud-danger-text" data-testid="cloud-schedule-delete" disabled={!!busy} onClick={() => setConfirmDelete(true)}>
              Delete
            </button>
          ) : null}
        </div>
      </form>
      {preview ? <PreviewResult preview={preview} /> : null}
      {run ? <RunResult run={run} /> : null}
      {confirmDelete && draft.id ? (
        <Dialog
          title={`Delete the schedule ${draft.name}?`}
          confirmLabel="Delete"
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => {
            setConfirmDelete(false);
            void removeCloudSchedule(draft.id!);
          }}
        >
          <p>Its instances are left as they are now, and no longer started or stopped by it.</p>
        </Dialog>
      ) : null}
    </aside>
  );
}

function Field({ label, error, hint, children }: { label: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <div className="cloud-form-field">
      <span className="cloud-form-label">{label}</span>
      {children}
      {error ? <span className="cloud-field-error">{error}</span> : hint ? <span className="hint">{hint}</span> : null}
    </div>
  );
}

function InstanceList({ testId, title, list, empty }: { testId: string; title: string; list: SchedulePreview['wouldStop']; empty: string }) {
  return (
    <div className="cloud-preview-list" data-testid={testId} data-count={list.length}>
      <h4>
        {title} ({list.length})
      </h4>
      {list.length ? (
        <ul>
          {list.map((i) => (
            <li key={i.id}>
              <strong>{i.name || i.id}</strong> {i.name ? <code className="hint">{i.id}</code> : null} <span className="hint">{i.region}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">{empty}</p>
      )}
    </div>
  );
}

function PreviewResult({ preview }: { preview: SchedulePreview }) {
  return (
    <section className="cloud-preview" aria-label="Preview" data-testid="cloud-preview">
      <h3>If it ran now</h3>
      <p>
        It wants its instances <strong>{preview.shouldRun ? 'running' : 'stopped'}</strong> now.
        {preview.nextChangeAt !== null ? ` Next change: ${new Date(preview.nextChangeAt).toLocaleString()}.` : ' It never changes its mind.'}
      </p>
      <InstanceList testId="cloud-preview-stop" title="Would stop" list={preview.wouldStop} empty="Nothing to stop." />
      <InstanceList testId="cloud-preview-start" title="Would start" list={preview.wouldStart} empty="Nothing to start." />
      {preview.errors.map((e) => (
        <p key={e.region} className="cloud-inline-error" role="alert">
          {e.region}: <code>{e.code}</code> — {e.message}
        </p>
      ))}
    </section>
  );
}

function RunResult({ run }: { run: ScheduleRun }) {
  return (
    <section className="cloud-preview" aria-label="Run result" data-testid="cloud-schedule-run-result">
      <h3>Ran now</h3>
      {run.changes.length ? (
        <ul>
          {run.changes.map((c) => (
            <li key={c.id}>
              <code>{c.id}</code>: {c.previous} → {c.current}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">Nothing needed to change.</p>
      )}
      {run.errors.map((e, i) => (
        <p key={i} className="cloud-inline-error" role="alert">
          {e}
        </p>
      ))}
    </section>
  );
}
