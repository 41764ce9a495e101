// "Open logs…" (sources of any kind, several at once) and "Export…".
import { useEffect, useState } from 'react';
import type { LogSourceSpec } from '../../../shared/contract/logs';
import { useAppStore } from '../../app/store';
import { Modal } from '../../ui/Modal';
import { defaultExportPath } from './model/format';
import { specLabel } from './model/sources';
import { tabFilter } from './LogPane';
import type { OpenPrefill } from './store/initialState';

export function LogsDialogs() {
  const dialog = useAppStore((s) => s.logsDialog);
  if (!dialog) return null;
  return dialog.type === 'open' ? <OpenDialog prefill={dialog.prefill} addTo={dialog.addTo} /> : <ExportDialog viewId={dialog.viewId} />;
}

type Kind = LogSourceSpec['kind'];
const NONE: never[] = [];
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'file', label: 'Local file' },
  { kind: 'ssh-file', label: 'File on a host' },
  { kind: 'journald', label: 'journald on a host' },
  { kind: 'pod', label: 'Pod' },
  { kind: 'pods', label: 'Pods by label selector' },
];

interface Form {
  kind: Kind;
  path: string;
  hostId: string;
  unit: string;
  context: string;
  namespace: string;
  pod: string;
  container: string;
  selector: string;
}

/** The source the form describes, or why not. */
function specOf(f: Form): LogSourceSpec | string {
  const need = (value: string, what: string) => (value.trim() ? undefined : `Enter ${what}.`);
  switch (f.kind) {
    case 'file':
      return need(f.path, 'a path') ?? { kind: 'file', path: f.path.trim() };
    case 'ssh-file':
      return need(f.hostId, 'a host') ?? need(f.path, 'a path') ?? { kind: 'ssh-file', hostId: f.hostId, path: f.path.trim() };
    case 'journald':
      return need(f.hostId, 'a host') ?? { kind: 'journald', hostId: f.hostId, ...(f.unit.trim() ? { unit: f.unit.trim() } : {}) };
    case 'pod':
      return need(f.context, 'a context') ?? need(f.namespace, 'a namespace') ?? need(f.pod, 'a pod') ?? { kind: 'pod', context: f.context, namespace: f.namespace.trim(), pod: f.pod.trim(), container: f.container.trim() || '*', previous: false };
    case 'pods':
      return need(f.context, 'a context') ?? need(f.namespace, 'a namespace') ?? need(f.selector, 'a label selector') ?? { kind: 'pods', context: f.context, namespace: f.namespace.trim(), labelSelector: f.selector.trim(), container: f.container.trim() || '*' };
  }
}

function OpenDialog({ prefill, addTo }: { prefill: OpenPrefill | undefined; addTo: string | undefined }) {
  const { setLogsDialog, openLogView, addLogSources } = useAppStore.getState();
  const hosts = useAppStore((s) => s.hostList?.hosts) ?? NONE;
  const contexts = useAppStore((s) => s.kubeContextList?.contexts) ?? NONE;
  const [form, setForm] = useState<Form>({
    kind: prefill?.kind ?? 'file',
    path: prefill?.path ?? '',
    hostId: prefill?.hostId ?? hosts[0]?.id ?? '',
    unit: '',
    context: prefill?.context ?? contexts[0]?.name ?? '',
    namespace: prefill?.namespace ?? 'default',
    pod: '',
    container: '',
    selector: '',
  });
  // Contexts are read when the Clusters view first opens; a Logs dialog opened before that reads them itself.
  useEffect(() => {
    if (!useAppStore.getState().kubeContextList) void useAppStore.getState().loadKubeContexts();
  }, []);
  const firstContext = contexts[0]?.name;
  useEffect(() => {
    if (firstContext) setForm((f) => (f.context ? f : { ...f, context: firstContext }));
  }, [firstContext]);
  const [added, setAdded] = useState<LogSourceSpec[]>([]);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setError(undefined);
  };
  const current = specOf(form);
  const formEmpty = form.kind === 'file' || form.kind === 'ssh-file' ? !form.path.trim() : form.kind === 'pod' ? !form.pod.trim() : form.kind === 'pods' ? !form.selector.trim() : false;

  const addAnother = () => {
    if (typeof current === 'string') return setError(current);
    setAdded([...added, current]);
    set({ path: '', pod: '', selector: '', unit: '' });
  };
  const confirm = async () => {
    const sources = [...added];
    if (!(added.length && formEmpty)) {
      if (typeof current === 'string') return setError(current);
      sources.push(current);
    }
    setBusy(true);
    if (addTo) await addLogSources(addTo, sources);
    else await openLogView(sources);
    setBusy(false);
    setLogsDialog(undefined);
  };

  return (
    <Modal
      title={addTo ? 'Add log sources' : 'Open logs'}
      testId="logs-open-dialog"
      busy={busy}
      onClose={() => setLogsDialog(undefined)}
      actions={
        <>
          <button type="button" onClick={() => setLogsDialog(undefined)}>
            Cancel
          </button>
          <button type="button" data-testid="logs-open-another" onClick={addAnother}>
            Add another source
          </button>
          <button type="button" className="primary" data-testid="logs-open-confirm" disabled={busy} onClick={() => void confirm()}>
            {addTo ? 'Add' : 'Open'}
          </button>
        </>
      }
    >
      <form
        className="logs-open-form"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        {added.length ? (
          <ul className="logs-open-added" aria-label="Sources">
            {added.map((spec, i) => (
              <li key={i} className="chip">
                {specLabel(spec)}
                <button type="button" className="logs-chip-remove" aria-label={`Remove ${specLabel(spec)}`} onClick={() => setAdded(added.filter((_, j) => j !== i))}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <label>
          Source
          <select data-testid="logs-open-kind" value={form.kind} onChange={(e) => set({ kind: e.target.value as Kind })}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        {form.kind === 'ssh-file' || form.kind === 'journald' ? (
          <label>
            Host
            <select data-testid="logs-open-host" value={form.hostId} onChange={(e) => set({ hostId: e.target.value })}>
              {form.hostId && !hosts.some((h) => h.id === form.hostId) ? <option value={form.hostId}>{form.hostId}</option> : null}
              {hosts.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.id}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {form.kind === 'file' || form.kind === 'ssh-file' ? (
          <label>
            Path
            <input type="text" autoFocus data-testid="logs-open-file-path" value={form.path} placeholder="/var/log/syslog" spellCheck={false} onChange={(e) => set({ path: e.target.value })} />
          </label>
        ) : null}
        {form.kind === 'journald' ? (
          <label>
            Unit <span className="hint">(empty: every unit)</span>
            <input type="text" data-testid="logs-open-unit" value={form.unit} placeholder="nginx.service" onChange={(e) => set({ unit: e.target.value })} />
          </label>
        ) : null}
        {form.kind === 'pod' || form.kind === 'pods' ? (
          <>
            <label>
              Context
              <select data-testid="logs-open-context" value={form.context} onChange={(e) => set({ context: e.target.value })}>
                {form.context && !contexts.some((c) => c.name === form.context) ? <option value={form.context}>{form.context}</option> : null}
                {contexts.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Namespace
              <input type="text" data-testid="logs-open-namespace" value={form.namespace} onChange={(e) => set({ namespace: e.target.value })} />
            </label>
            {form.kind === 'pod' ? (
              <label>
                Pod
                <input type="text" data-testid="logs-open-pod" value={form.pod} onChange={(e) => set({ pod: e.target.value })} />
              </label>
            ) : (
              <label>
                Label selector
                <input type="text" data-testid="logs-open-selector" value={form.selector} placeholder="app=web,tier=api" onChange={(e) => set({ selector: e.target.value })} />
              </label>
            )}
            <label>
              Container <span className="hint">(empty: every container)</span>
              <input type="text" data-testid="logs-open-container" value={form.container} onChange={(e) => set({ container: e.target.value })} />
            </label>
          </>
        ) : null}
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" hidden />
      </form>
    </Modal>
  );
}

function ExportDialog({ viewId }: { viewId: string }) {
  const { setLogsDialog, exportLogs } = useAppStore.getState();
  const tab = useAppStore((s) => s.logTabs.find((t) => t.viewId === viewId));
  const [path, setPath] = useState(() => defaultExportPath(Date.now()));
  const [busy, setBusy] = useState(false);
  if (!tab) return null;
  const confirm = async () => {
    if (!path.trim()) return;
    setBusy(true);
    const ok = await exportLogs(viewId, tabFilter(tab), path.trim());
    setBusy(false);
    if (ok) setLogsDialog(undefined);
  };
  return (
    <Modal
      title="Export filtered lines"
      testId="logs-export-dialog"
      busy={busy}
      onClose={() => setLogsDialog(undefined)}
      actions={
        <>
          <button type="button" onClick={() => setLogsDialog(undefined)} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="primary" data-testid="logs-export-confirm" disabled={busy || !path.trim()} onClick={() => void confirm()}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </>
      }
    >
      <form
        className="logs-open-form"
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <p className="hint">Every line matching the current filters of “{tab.title}” is written, not only those on screen.</p>
        <label>
          File
          <input type="text" autoFocus data-testid="logs-export-path" value={path} spellCheck={false} onChange={(e) => setPath(e.target.value)} />
        </label>
      </form>
    </Modal>
  );
}
