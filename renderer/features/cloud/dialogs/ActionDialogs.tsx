// Reboot asks once, listing what it reboots. Terminate asks for the
// instance's name typed out (its id when it has none), one instance at a time.
import { useState } from 'react';
import { useAppStore } from '../../../app/store';
import { terminateConfirmed, terminateWord } from '../model/terminate';
import { cloudSelectors } from '../store/selectors';
import { Modal } from '../../../ui/Modal';

export function RebootDialog({ ids }: { ids: string[] }) {
  const all = useAppStore(cloudSelectors.instances);
  const { setCloudDialog, actOnInstances } = useAppStore.getState();
  const [busy, setBusy] = useState(false);
  const targets = all.filter((i) => ids.includes(i.id));
  const close = () => setCloudDialog(undefined);
  const confirm = async () => {
    setBusy(true);
    await actOnInstances('reboot', targets);
    setBusy(false);
    close();
  };
  return (
    <Modal
      className="cloud-dialog"
      title={`Reboot ${targets.length} instance${targets.length === 1 ? '' : 's'}?`}
      testId="cloud-reboot-dialog"
      busy={busy}
      onClose={close}
      actions={
        <>
          <button type="button" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="primary" data-testid="cloud-confirm" autoFocus disabled={busy || targets.length === 0} onClick={() => void confirm()}>
            {busy ? 'Rebooting…' : 'Reboot'}
          </button>
        </>
      }
    >
      <p>Each instance restarts its operating system; what runs on it stops for a moment. Its addresses and disks stay.</p>
      <ul className="cloud-target-list">
        {targets.map((i) => (
          <li key={i.id}>
            <strong>{i.name || i.id}</strong> {i.name ? <code className="hint">{i.id}</code> : null} <span className="hint">{i.region}</span>
          </li>
        ))}
      </ul>
      {targets.length < ids.length ? <p className="hint">{ids.length - targets.length} of the instances are not listed any more.</p> : null}
    </Modal>
  );
}

export function TerminateDialog({ id }: { id: string }) {
  const instance = useAppStore(cloudSelectors.instance(id));
  const { setCloudDialog, actOnInstances } = useAppStore.getState();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const close = () => setCloudDialog(undefined);
  const word = instance ? terminateWord(instance) : id;
  const matches = !!instance && terminateConfirmed(instance, typed);
  const confirm = async () => {
    if (!instance || !matches) return;
    setBusy(true);
    await actOnInstances('terminate', [instance], word);
    setBusy(false);
    close();
  };
  return (
    <Modal
      className="cloud-dialog"
      title={`Terminate ${word}?`}
      testId="cloud-terminate-dialog"
      busy={busy}
      onClose={close}
      actions={
        <>
          <button type="button" onClick={close} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="danger" data-testid="cloud-confirm" disabled={!matches || busy} onClick={() => void confirm()}>
            {busy ? 'Terminating…' : 'Terminate'}
          </button>
        </>
      }
    >
      {instance ? (
        <>
          <p>
            Terminating deletes the instance <strong>{instance.name || instance.id}</strong> {instance.name ? <code>({instance.id})</code> : null} in <code>{instance.region}</code>, and the disks that go with it. This cannot be undone.
          </p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <label className="cloud-field">
              <span>
                Type <code className="cloud-word">{word}</code> to confirm
              </span>
              <input type="text" autoFocus data-testid="cloud-terminate-input" autoComplete="off" spellCheck={false} value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={typed !== '' && !matches} />
            </label>
          </form>
        </>
      ) : (
        <p className="hint">This instance is not in the regions listed any more.</p>
      )}
    </Modal>
  );
}
