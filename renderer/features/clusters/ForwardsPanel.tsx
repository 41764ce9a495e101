// Every pod port-forward running now, across contexts: where it listens, the
// pod and port it reaches, its connections, and Stop.
import { useAppStore } from '../../app/store';
import { ClusterIcon } from './ClusterIcons';
import { ForwardAddress } from './dialogs/PortForwardDialog';

export function ForwardsPanel() {
  const forwards = useAppStore((s) => s.kubeForwards);
  const { stopKubeForward, setKubeForwardsOpen } = useAppStore.getState();
  const list = Object.values(forwards).sort((a, b) => a.context.localeCompare(b.context) || a.pod.localeCompare(b.pod) || a.podPort - b.podPort);
  return (
    <section className="kube-forwards" data-testid="kube-forwards" aria-label="Pod port-forwards">
      <header className="kube-forwards-header">
        <h2>Port-forwards</h2>
        <span className="hint">{list.length ? `${list.length} running` : ''}</span>
        <span className="toolbar-spacer" />
        <button type="button" className="icon-button" aria-label="Close port-forwards" onClick={() => setKubeForwardsOpen(false)}>
          <ClusterIcon name="close" />
        </button>
      </header>
      {list.length === 0 ? (
        <p className="hint kube-pad">No pod port-forwards. Open a pod and choose Port-forward… (or run “Clusters: Port-forward…” from the palette).</p>
      ) : (
        <table className="kube-forwards-table">
          <thead>
            <tr>
              <th>Local</th>
              <th>Pod</th>
              <th>Port</th>
              <th>State</th>
              <th>Connections</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((f) => (
              <tr key={f.id} data-testid={`kube-forward-${f.id}`} data-state={f.state} data-pod={f.pod}>
                <td><ForwardAddress forward={f} /></td>
                <td title={`context ${f.context}`}>
                  <span className="hint">{f.namespace}/</span>
                  {f.pod}
                </td>
                <td>{f.podPort}</td>
                <td className={`forward-state state-${f.state}`} title={f.error}>{f.state === 'failed' ? `failed: ${f.error ?? ''}` : f.state}</td>
                <td className="hint">{f.active} open, {f.total} total</td>
                <td>
                  <button type="button" data-testid="kube-forward-stop" onClick={() => void stopKubeForward(f.id)}>Stop</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
