// One instance in full: every field, its tags (editable), and the ways into
// it: an SSH terminal, or a place in the fleet.
import { useState } from 'react';
import type { Ec2Instance } from '../../../shared/contract/cloud';
import { useAppStore } from '../../app/store';
import { duration } from '../../ui/format';
import { CloudIcon, Spinner } from './CloudIcons';
import { useNow } from './hooks';
import { appliesTo } from './model/actions';
import { checkTags, hasChanges, isReservedTag, rowsOf, type TagRow } from './model/tags';
import { cloudSelectors } from './store/selectors';

export function DetailsPanel({ id }: { id: string }) {
  const instance = useAppStore(cloudSelectors.instance(id));
  const close = () => useAppStore.getState().openCloudDetails(undefined);
  return (
    <aside className="cloud-details" aria-label="Instance details" data-testid="cloud-details">
      <header className="cloud-details-header">
        <div className="cloud-details-title">
          <strong>{instance?.name || id}</strong>
          {instance?.name ? <code className="hint">{id}</code> : null}
        </div>
        <button type="button" className="icon-button" aria-label="Close the details" title="Close (Escape)" data-testid="cloud-details-close" onClick={close}>
          <CloudIcon name="close" size={13} />
        </button>
      </header>
      {instance ? <DetailsBody key={instance.id} instance={instance} /> : <p className="cloud-pad hint">This instance is not in the regions listed any more.</p>}
    </aside>
  );
}

function DetailsBody({ instance: i }: { instance: Ec2Instance }) {
  const now = useNow(30_000);
  const pending = useAppStore((s) => s.cloudPending[i.id]);
  const { openInstanceTerminal, setCloudDialog, actOnInstances } = useAppStore.getState();
  const [opening, setOpening] = useState(false);
  const fields: Array<[string, string | undefined]> = [
    ['State', i.state],
    ['Type', i.type],
    ['Region', i.region],
    ['Availability zone', i.az],
    ['Public IP', i.publicIp],
    ['Public DNS', i.publicDns],
    ['Private IP', i.privateIp],
    ['Key pair', i.keyName],
    ['Platform', i.platform ?? 'Linux/UNIX'],
    ['Launched', i.launchTime ? `${new Date(i.launchTime).toLocaleString()} (${duration(Math.max(0, now - i.launchTime) / 1000)} ago)` : undefined],
  ];
  return (
    <div className="cloud-details-body">
      <div className="cloud-details-actions">
        <button
          type="button"
          className="primary"
          data-testid="cloud-ssh"
          disabled={opening}
          title="An SSH terminal to this instance (it is added to the fleet first if it is not there)"
          onClick={() => {
            setOpening(true);
            void openInstanceTerminal(i).finally(() => setOpening(false));
          }}
        >
          {opening ? <Spinner /> : <CloudIcon name="terminal" size={13} />} Open SSH terminal
        </button>
        <button type="button" data-testid="cloud-details-import" onClick={() => setCloudDialog({ type: 'import', ids: [i.id], openAfter: false })}>
          Add to fleet…
        </button>
        {appliesTo('start', i.state) ? (
          <button type="button" disabled={!!pending} onClick={() => void actOnInstances('start', [i])}>
            Start
          </button>
        ) : null}
        {appliesTo('stop', i.state) ? (
          <button type="button" disabled={!!pending} onClick={() => void actOnInstances('stop', [i])}>
            Stop
          </button>
        ) : null}
      </div>
      <dl className="cloud-fields">
        <dt>ID</dt>
        <dd>
          <code>{i.id}</code>
        </dd>
        {fields.map(([label, value]) => (
          <FieldRow key={label} label={label} value={value} state={label === 'State' ? i.state : undefined} />
        ))}
      </dl>
      <TagsEditor instance={i} />
    </div>
  );
}

function FieldRow({ label, value, state }: { label: string; value: string | undefined; state: string | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={state ? `cloud-state state-${state}` : undefined}>{value ? label.includes('IP') || label.includes('DNS') ? <code>{value}</code> : value : <span className="hint">—</span>}</dd>
    </>
  );
}

function TagsEditor({ instance }: { instance: Ec2Instance }) {
  const saveInstanceTags = useAppStore((s) => s.saveInstanceTags);
  const [rows, setRows] = useState<TagRow[]>(() => rowsOf(instance.tags));
  const [base, setBase] = useState(instance.tags);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { errors, changes } = checkTags(base, rows);
  const dirty = hasChanges(changes);
  const edited = dirty || rows.length !== Object.keys(base).length;

  // New tags from AWS show as they come, unless the user is editing.
  if (!edited && !busy && instance.tags !== base) {
    setBase(instance.tags);
    setRows(rowsOf(instance.tags));
  }

  const update = (index: number, patch: Partial<TagRow>) => setRows(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await saveInstanceTags(instance, changes);
      const next = { ...base, ...changes.set };
      for (const key of changes.remove) delete next[key];
      setBase(next);
      setRows(rowsOf(next));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="cloud-tags-editor" aria-label="Tags">
      <h3>Tags</h3>
      <div className="cloud-tag-rows">
        {rows.map((row, index) => {
          const reserved = isReservedTag(row.key) && Object.hasOwn(base, row.key);
          return (
            <div key={index} className="cloud-tag-row" data-testid={`cloud-tag-row-${index}`}>
              <input type="text" aria-label="Tag key" placeholder="key" value={row.key} disabled={reserved || busy} spellCheck={false} onChange={(e) => update(index, { key: e.target.value })} aria-invalid={errors.has(index) || undefined} />
              <input type="text" aria-label={`Value of ${row.key || 'the new tag'}`} placeholder="value" value={row.value} disabled={reserved || busy} spellCheck={false} onChange={(e) => update(index, { value: e.target.value })} />
              <button type="button" className="icon-button" aria-label={`Remove the tag ${row.key}`} disabled={reserved || busy} onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                <CloudIcon name="trash" size={13} />
              </button>
              {errors.has(index) ? <span className="cloud-field-error">{errors.get(index)}</span> : null}
            </div>
          );
        })}
        {rows.length === 0 ? <p className="hint">No tags.</p> : null}
      </div>
      <div className="cloud-tag-actions">
        <button type="button" data-testid="cloud-tag-add" disabled={busy} onClick={() => setRows([...rows, { key: '', value: '' }])}>
          <CloudIcon name="plus" size={12} /> Add tag
        </button>
        <span className="toolbar-spacer" />
        {dirty ? (
          <button type="button" disabled={busy} onClick={() => setRows(rowsOf(base))}>
            Undo changes
          </button>
        ) : null}
        <button type="button" className="primary" data-testid="cloud-tags-save" disabled={!dirty || errors.size > 0 || busy} onClick={() => void save()}>
          {busy ? 'Saving…' : 'Save tags'}
        </button>
      </div>
      {error ? (
        <p className="cloud-inline-error" role="alert" data-testid="cloud-tags-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
