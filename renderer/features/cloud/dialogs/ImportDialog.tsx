// Instances into the fleet's inventory as SSH hosts: which address, user,
// port, key and group; then what was added and what was skipped, and for one
// instance a terminal to it.
import { useState } from 'react';
import { useAppStore } from '../../../app/store';
import { describeInstances } from '../model/actions';
import type { ImportOutcome } from '../store/action';
import type { ImportDefaults } from '../store/initialState';
import { cloudSelectors } from '../store/selectors';
import { Modal } from '../../../ui/Modal';

export function ImportDialog({ ids, openAfter }: { ids: string[]; openAfter: boolean }) {
  const all = useAppStore(cloudSelectors.instances);
  const defaults = useAppStore((s) => s.cloudImportDefaults);
  const { setCloudDialog, importInstances, newTab } = useAppStore.getState();
  const [targets] = useState(() => all.filter((i) => ids.includes(i.id)));
  const noPublic = targets.filter((i) => !i.publicIp);
  const [form, setForm] = useState<ImportDefaults>(() => ({ ...defaults, address: noPublic.length === targets.length && targets.length > 0 ? 'private' : defaults.address }));
  const [port, setPort] = useState(String(defaults.port));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const close = () => setCloudDialog(undefined);

  const portNumber = Number(port);
  const portValid = /^\d+$/.test(port.trim()) && portNumber >= 1 && portNumber <= 65535;
  const userValid = form.user.trim().length > 0 && form.user.trim().length <= 64;
  const valid = portValid && userValid && targets.length > 0;
  const missing = form.address === 'public' ? noPublic : targets.filter((i) => !i.privateIp);
  const single = targets.length === 1 ? targets[0] : undefined;

  const openTerminal = (hostId: string) => {
    close();
    newTab({ kind: 'ssh', hostId });
  };

  const submit = async () => {
    if (!valid || busy) return;
    setBusy(true);
    const result = await importInstances(targets, { ...form, port: portNumber });
    setBusy(false);
    if (openAfter && result.hostId) {
      openTerminal(result.hostId);
      return;
    }
    setOutcome(result);
  };

  const title = single ? `Add ${single.name || single.id} to the fleet` : `Add ${targets.length} instances to the fleet`;
  return (
    <Modal
      className="cloud-dialog"
      title={title}
      testId="cloud-import-dialog"
      busy={busy}
      wide
      onClose={close}
      actions={
        outcome ? (
          <>
            {single && outcome.hostId ? (
              <button type="button" className="primary" data-testid="cloud-open-terminal" autoFocus onClick={() => openTerminal(outcome.hostId!)}>
                Open terminal
              </button>
            ) : null}
            <button type="button" onClick={close} autoFocus={!(single && outcome.hostId)}>
              Close
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={close} disabled={busy}>
              Cancel
            </button>
            <button type="button" className="primary" data-testid="cloud-import-confirm" disabled={!valid || busy} onClick={() => void submit()}>
              {busy ? 'Adding…' : openAfter ? 'Add and open terminal' : 'Add to fleet'}
            </button>
          </>
        )
      }
    >
      {outcome ? (
        <ImportResult outcome={outcome} />
      ) : (
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p className="span-2 cloud-import-targets">
            {describeInstances(targets)}
            {openAfter ? <span className="hint"> is not in the fleet yet: add it, then its terminal opens.</span> : null}
          </p>
          <fieldset className="span-2 cloud-fieldset">
            <legend>Address</legend>
            <div className="segmented" role="radiogroup" aria-label="Address">
              {(['public', 'private'] as const).map((a) => (
                <button key={a} type="button" role="radio" aria-checked={form.address === a} data-testid={`cloud-import-address-${a}`} onClick={() => setForm({ ...form, address: a })}>
                  {a === 'public' ? 'Public IP' : 'Private IP'}
                </button>
              ))}
            </div>
            {missing.length ? (
              <span className="hint">
                {' '}
                {describeInstances(missing)} {missing.length === 1 ? 'has' : 'have'} no {form.address} address and will be skipped.
              </span>
            ) : null}
          </fieldset>
          <label>
            User
            <input type="text" data-testid="cloud-import-user" autoFocus value={form.user} spellCheck={false} onChange={(e) => setForm({ ...form, user: e.target.value })} aria-invalid={!userValid} />
          </label>
          <label>
            Port
            <input type="number" min={1} max={65535} data-testid="cloud-import-port" value={port} onChange={(e) => setPort(e.target.value)} aria-invalid={!portValid} />
          </label>
          <label className="span-2">
            Identity file
            <input type="text" data-testid="cloud-import-identity" placeholder="~/.ssh/my-key.pem (empty: the agent and default keys)" spellCheck={false} value={form.identityFile} onChange={(e) => setForm({ ...form, identityFile: e.target.value })} />
          </label>
          <label className="span-2">
            Group
            <input type="text" data-testid="cloud-import-group" placeholder="e.g. aws-eu (empty: none)" spellCheck={false} value={form.group} onChange={(e) => setForm({ ...form, group: e.target.value })} />
          </label>
          {!userValid ? <p className="span-2 error-text">A user name (1 to 64 characters).</p> : null}
          {!portValid ? <p className="span-2 error-text">A port from 1 to 65535.</p> : null}
          <p className="span-2 hint">An instance's <code>ssh-port</code> tag wins over the port here. Hosts are named after the instances.</p>
        </form>
      )}
    </Modal>
  );
}

function ImportResult({ outcome }: { outcome: ImportOutcome }) {
  return (
    <div className="cloud-import-result" data-testid="cloud-import-result" role="status">
      {outcome.added.length ? (
        <>
          <p>
            <strong className="count-ok">
              {outcome.added.length} host{outcome.added.length === 1 ? '' : 's'} added
            </strong>{' '}
            to the fleet:
          </p>
          <ul>
            {outcome.added.map((h) => (
              <li key={h}>
                <code>{h}</code>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>No host was added.</p>
      )}
      {outcome.skipped.length ? (
        <>
          <p>
            <strong>{outcome.skipped.length} skipped:</strong>
          </p>
          <ul>
            {outcome.skipped.map((s) => (
              <li key={s.id}>
                <code>{s.id}</code>: {s.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {outcome.errors.map((e, i) => (
        <p key={i} className="cloud-inline-error" role="alert">
          {e}
        </p>
      ))}
      {outcome.hostId && outcome.added.length === 0 ? (
        <p className="hint">
          It is in the fleet already as <code>{outcome.hostId}</code>.
        </p>
      ) : null}
    </div>
  );
}
