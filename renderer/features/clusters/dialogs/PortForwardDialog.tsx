// Forward a local port to a pod: pick one of the ports its containers declare
// or type one; the local port is any free one unless given. The result is a
// localhost address to open or copy.
import { useEffect, useState } from 'react';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { KubeForward } from '../../../../shared/contract/kube';
import { useAppStore } from '../../../app/store';
import { api } from '../../../transport/current';
import { ClusterIcon } from '../ClusterIcons';
import { toObjectRef } from '../store/action';
import type { Container, KubeObjectRef } from '../store/initialState';
import { Modal } from '../../../ui/Modal';

const message = (error: unknown) => describeError(WorkbenchError.from(error).toData());

export function openLocal(url: string): void {
  void api()
    .app.openExternal({ url })
    .then(({ opened }) => {
      if (!opened) window.open(url, '_blank', 'noopener,noreferrer');
    })
    .catch(() => window.open(url, '_blank', 'noopener,noreferrer'));
}

export function ForwardAddress({ forward }: { forward: KubeForward }) {
  const pushToast = useAppStore((s) => s.pushToast);
  const host = forward.localAddress === '0.0.0.0' || forward.localAddress === '' ? '127.0.0.1' : forward.localAddress;
  const address = `${host.includes(':') ? `[${host}]` : host}:${forward.localPort}`;
  return (
    <span className="kube-forward-address">
      <a
        href={`http://${address}`}
        data-testid="kube-forward-link"
        onClick={(e) => {
          e.preventDefault();
          openLocal(`http://${address}`);
        }}
      >
        {address}
      </a>
      <button
        type="button"
        className="icon-button"
        title="Copy the address"
        aria-label="Copy the address"
        data-testid="kube-forward-copy"
        onClick={() =>
          void navigator.clipboard
            ?.writeText(address)
            .then(() => pushToast(`Copied ${address}.`))
            .catch(() => pushToast(`Could not copy; the address is ${address}.`))
        }
      >
        <ClusterIcon name="copy" />
      </button>
    </span>
  );
}

export function PortForwardDialog({ target }: { target: KubeObjectRef }) {
  const { setClusterDialog, startKubeForward } = useAppStore.getState();
  const [containers, setContainers] = useState<Container[]>();
  const [loadError, setLoadError] = useState<string>();
  const [podPort, setPodPort] = useState('');
  const [localPort, setLocalPort] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<KubeForward>();

  useEffect(() => {
    api()
      .kube.get(toObjectRef(target))
      .then((obj) => {
        const list = obj.containers ?? [];
        setContainers(list);
        const first = list.flatMap((c) => c.ports).find((p) => p.protocol === 'TCP');
        if (first) setPodPort((current) => current || String(first.port));
      })
      .catch((e: unknown) => setLoadError(message(e)));
  }, [target]);

  const ports = (containers ?? []).flatMap((c) => c.ports.map((p) => ({ ...p, container: c.name })));
  const pod = Number(podPort);
  const local = localPort.trim() === '' ? 0 : Number(localPort);
  const valid = Number.isInteger(pod) && pod >= 1 && pod <= 65535 && Number.isInteger(local) && local >= 0 && local <= 65535;

  const start = async () => {
    if (!valid) return;
    setBusy(true);
    setError(undefined);
    try {
      setResult(await startKubeForward({ context: target.context, namespace: target.namespace, pod: target.name, podPort: pod, localPort: local }));
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      className="kube-dialog"
      title={`Port-forward to ${target.name}`}
      testId="kube-port-forward-dialog"
      busy={busy}
      onClose={() => setClusterDialog(undefined)}
      actions={
        result ? (
          <button type="button" className="primary" autoFocus onClick={() => setClusterDialog(undefined)}>Done</button>
        ) : (
          <>
            <button type="button" onClick={() => setClusterDialog(undefined)}>Cancel</button>
            <button type="button" className="primary" data-testid="kube-pf-start" disabled={!valid || busy} onClick={() => void start()}>
              {busy ? 'Starting…' : 'Forward'}
            </button>
          </>
        )
      }
    >
      {result ? (
        <div className="kube-pf-result" data-testid="kube-pf-result">
          <p>
            <ForwardAddress forward={result} /> → <code>{target.name}:{result.podPort}</code>
          </p>
          <p className="hint">It runs until you stop it in Port-forwards (or the pod goes away).</p>
        </div>
      ) : (
        <form
          className="kube-pf-form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          {ports.length ? (
            <label className="kube-field">
              Container port
              <select data-testid="kube-pf-port" value={ports.some((p) => String(p.port) === podPort) ? podPort : ''} onChange={(e) => setPodPort(e.target.value)}>
                <option value="">another port…</option>
                {ports.map((p) => (
                  <option key={`${p.container}/${p.port}/${p.protocol}`} value={p.port} disabled={p.protocol !== 'TCP'}>
                    {p.port}/{p.protocol}
                    {p.name ? ` (${p.name})` : ''} in {p.container}
                  </option>
                ))}
              </select>
            </label>
          ) : containers ? (
            <p className="hint">Its containers declare no ports: type the one to reach.</p>
          ) : loadError ? (
            <p className="kube-error">{loadError}</p>
          ) : (
            <p className="hint">Reading the pod's ports…</p>
          )}
          <div className="kube-pf-row">
            <label className="kube-field">
              Pod port
              <input type="number" min={1} max={65535} data-testid="kube-pf-pod-port" value={podPort} onChange={(e) => setPodPort(e.target.value)} autoFocus={!ports.length} />
            </label>
            <label className="kube-field">
              Local port
              <input type="number" min={0} max={65535} data-testid="kube-pf-local-port" placeholder="any free" value={localPort} onChange={(e) => setLocalPort(e.target.value)} />
            </label>
          </div>
          {!valid && podPort ? <p className="error-text">Ports are whole numbers from 1 to 65535 (local: empty or 0 for any free port).</p> : null}
          {error ? <p className="kube-error" role="alert" data-testid="kube-pf-error">{error}</p> : null}
          <button type="submit" hidden />
        </form>
      )}
    </Modal>
  );
}
