// A host's port forwards: local (-L) and dynamic SOCKS (-D), each with its
// state and traffic, stoppable. They bind to 127.0.0.1.
import { useState } from 'react';
import { useAppStore } from '../../app/store';

export function ForwardsDialog({ hostId }: { hostId: string }) {
  const forwards = useAppStore((s) => s.forwards);
  const { startForward, stopForward, openForwards } = useAppStore.getState();
  const mine = Object.values(forwards).filter((f) => f.hostId === hostId);
  const [kind, setKind] = useState<'local' | 'dynamic'>('local');
  const [bindPort, setBindPort] = useState('');
  const [dest, setDest] = useState('127.0.0.1:80');
  const [error, setError] = useState<string>();
  const close = () => openForwards(undefined);

  const add = async () => {
    const port = bindPort.trim() === '' ? 0 : Number(bindPort);
    if (!Number.isInteger(port) || port < 0 || port > 65535) return setError('The local port must be a number from 0 (any free port) to 65535.');
    if (kind === 'local') {
      const match = /^(.+):(\d+)$/.exec(dest.trim());
      if (!match) return setError('The destination is host:port, as seen from the host (e.g. 127.0.0.1:5432).');
      setError(undefined);
      await startForward({ kind, hostId, bindAddress: '127.0.0.1', bindPort: port, destHost: match[1]!, destPort: Number(match[2]) });
    } else {
      setError(undefined);
      await startForward({ kind, hostId, bindAddress: '127.0.0.1', bindPort: port });
    }
  };

  return (
    <div className="overlay" onMouseDown={close}>
      <div className="dialog forwards-dialog" role="dialog" aria-label={`Port forwards through ${hostId}`} onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h2>Port forwards through {hostId}</h2>
        {mine.length === 0 ? <p className="hint">None yet.</p> : null}
        <table className="forwards-table">
          <tbody>
            {mine.map((f) => (
              <tr key={f.id} data-state={f.state}>
                <td>{f.kind === 'local' ? '-L' : '-D'}</td>
                <td><code>{f.bindAddress}:{f.bindPort}</code></td>
                <td>{f.kind === 'local' ? <>→ <code>{f.destHost}:{f.destPort}</code></> : 'SOCKS5 proxy'}</td>
                <td className={`forward-state state-${f.state}`}>{f.state === 'failed' ? `failed: ${f.error}` : f.state}</td>
                <td className="hint">{f.active} open, {f.total} total</td>
                <td><button type="button" onClick={() => void stopForward(f.id)}>Stop</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <form
          className="forward-form"
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="local">Local (-L)</option>
            <option value="dynamic">Dynamic SOCKS (-D)</option>
          </select>
          <label>127.0.0.1:<input aria-label="Local port" value={bindPort} onChange={(e) => setBindPort(e.target.value)} placeholder="any" size={6} /></label>
          {kind === 'local' ? <label>→ <input aria-label="Destination" value={dest} onChange={(e) => setDest(e.target.value)} size={20} /></label> : null}
          <button type="submit" className="primary">Start</button>
        </form>
        {error ? <p className="error-text">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={close}>Close</button>
        </div>
      </div>
    </div>
  );
}
