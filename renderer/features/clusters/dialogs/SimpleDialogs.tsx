// Scale, restart, delete and the container picker: one question each.
import { useState } from 'react';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import { useAppStore } from '../../../app/store';
import { api } from '../../../transport/current';
import { toObjectRef } from '../store/action';
import type { Container, KubeObjectRef } from '../store/initialState';
import { Modal } from '../../../ui/Modal';

const message = (error: unknown) => describeError(WorkbenchError.from(error).toData());
const named = (t: KubeObjectRef) => `${t.namespace ? `${t.namespace}/` : ''}${t.name}`;

function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (work: () => Promise<unknown>, after: () => void) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      after();
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

export function ScaleDialog({ target, replicas }: { target: KubeObjectRef; replicas: number | undefined }) {
  const { setClusterDialog, pushToast } = useAppStore.getState();
  const [value, setValue] = useState(String(replicas ?? 1));
  const { busy, error, run } = useAction();
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100_000;
  const submit = () => {
    if (!valid) return;
    void run(
      () => api().kube.scale({ ...toObjectRef(target), replicas: n }),
      () => {
        pushToast(`${named(target)} scaled to ${n} replica${n === 1 ? '' : 's'}.`);
        setClusterDialog(undefined);
      },
    );
  };
  return (
    <Modal
      className="kube-dialog"
      title={`Scale ${target.kind ?? target.resource.resource} ${named(target)}`}
      testId="kube-scale-dialog"
      busy={busy}
      onClose={() => setClusterDialog(undefined)}
      actions={
        <>
          <button type="button" onClick={() => setClusterDialog(undefined)} disabled={busy}>Cancel</button>
          <button type="button" className="primary" data-testid="kube-scale-confirm" disabled={!valid || busy} onClick={submit}>
            {busy ? 'Scaling…' : 'Scale'}
          </button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="kube-field">
          Replicas
          <input type="number" min={0} max={100000} autoFocus data-testid="kube-scale-input" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={!valid} />
        </label>
        {replicas !== undefined ? <p className="hint">Now {replicas}.</p> : null}
        {!valid ? <p className="error-text">A whole number from 0 to 100,000.</p> : null}
        {error ? <p className="kube-error" role="alert">{error}</p> : null}
      </form>
    </Modal>
  );
}

export function RestartDialog({ target }: { target: KubeObjectRef }) {
  const { setClusterDialog, pushToast } = useAppStore.getState();
  const { busy, error, run } = useAction();
  return (
    <Modal
      className="kube-dialog"
      title={`Restart ${named(target)}?`}
      testId="kube-restart-dialog"
      busy={busy}
      onClose={() => setClusterDialog(undefined)}
      actions={
        <>
          <button type="button" onClick={() => setClusterDialog(undefined)} disabled={busy}>Cancel</button>
          <button
            type="button"
            className="primary"
            data-testid="kube-restart-confirm"
            autoFocus
            disabled={busy}
            onClick={() =>
              void run(
                () => api().kube.restart(toObjectRef(target)),
                () => {
                  pushToast(`Rolling restart of ${named(target)} started.`);
                  setClusterDialog(undefined);
                },
              )
            }
          >
            {busy ? 'Restarting…' : 'Restart'}
          </button>
        </>
      }
    >
      <p>Every pod of {target.kind ?? target.resource.resource} <code>{named(target)}</code> is replaced, a few at a time, as a rollout does (like <code>kubectl rollout restart</code>).</p>
      {error ? <p className="kube-error" role="alert">{error}</p> : null}
    </Modal>
  );
}

export function DeleteDialog({ target }: { target: KubeObjectRef }) {
  const { setClusterDialog, pushToast, closeKubeDetails } = useAppStore.getState();
  const { busy, error, run } = useAction();
  const kind = target.kind ?? target.resource.resource;
  return (
    <Modal
      className="kube-dialog"
      title={`Delete ${kind} ${target.name}?`}
      testId="kube-delete-dialog"
      busy={busy}
      onClose={() => setClusterDialog(undefined)}
      actions={
        <>
          <button type="button" autoFocus onClick={() => setClusterDialog(undefined)} disabled={busy}>Cancel</button>
          <button
            type="button"
            className="danger"
            data-testid="kube-delete-confirm"
            disabled={busy}
            onClick={() =>
              void run(
                () => api().kube.delete(toObjectRef(target)),
                () => {
                  pushToast(`${kind} ${named(target)} deleted.`);
                  setClusterDialog(undefined);
                  closeKubeDetails();
                },
              )
            }
          >
            {busy ? 'Deleting…' : 'Delete'}
          </button>
        </>
      }
    >
      <p>
        Delete {kind} <code>{target.name}</code>
        {target.namespace ? (
          <>
            {' '}in namespace <code>{target.namespace}</code>
          </>
        ) : null}{' '}
        from <code>{target.context}</code>? What it owns is deleted after it. This cannot be undone.
      </p>
      {error ? <p className="kube-error" role="alert">{error}</p> : null}
    </Modal>
  );
}

export function ContainerDialog({ purpose, target, containers }: { purpose: 'exec' | 'logs'; target: KubeObjectRef; containers: Container[] }) {
  const { setClusterDialog, execIntoPod, podLogs } = useAppStore.getState();
  const [chosen, setChosen] = useState(containers[0]?.name ?? '');
  const go = () => void (purpose === 'exec' ? execIntoPod(target, chosen) : podLogs(target, chosen));
  return (
    <Modal
      className="kube-dialog"
      title={`${purpose === 'exec' ? 'Exec into' : 'Logs of'} ${target.name}: which container?`}
      testId="kube-container-dialog"
      onClose={() => setClusterDialog(undefined)}
      actions={
        <>
          <button type="button" onClick={() => setClusterDialog(undefined)}>Cancel</button>
          <button type="button" className="primary" data-testid="kube-container-confirm" disabled={!chosen} onClick={go}>
            {purpose === 'exec' ? 'Open shell' : 'Show logs'}
          </button>
        </>
      }
    >
      <div
        className="kube-container-list"
        role="radiogroup"
        aria-label="Containers"
        onKeyDown={(e) => {
          if (e.key === 'Enter') go();
        }}
      >
        {containers.map((c, i) => (
          <label key={c.name} className="kube-container-option" data-testid={`kube-container-${c.name}`}>
            <input type="radio" name="container" value={c.name} autoFocus={i === 0} checked={chosen === c.name} onChange={() => setChosen(c.name)} />
            <code>{c.name}</code>
            {c.init ? <span className="chip">init</span> : null}
            {c.ports.length ? <span className="hint">{c.ports.map((p) => `${p.port}/${p.protocol}`).join(', ')}</span> : null}
          </label>
        ))}
      </div>
    </Modal>
  );
}
