import { useEffect, useState } from 'react';
import { formatChord } from '../../app/keys';
import type { PaneConnection } from './store/initialState';

/** What a remote pane's connection is doing, with a way to retry now. */
export function ConnectionBanner({ hostId, connection, onReconnect }: { hostId: string; connection: PaneConnection; onReconnect(): void }) {
  const [now, setNow] = useState(Date.now());
  const counting = connection.state === 'reconnecting' && connection.nextRetryInMs !== undefined;
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [counting]);
  if (connection.state === 'connected' || connection.state === 'closed') return null;
  const seconds = counting ? Math.max(0, Math.ceil((connection.at + connection.nextRetryInMs! - now) / 1000)) : 0;
  const text = {
    connecting: `Connecting to ${hostId}…`,
    lost: `Connection to ${hostId} lost.`,
    reconnecting: `Connection to ${hostId} lost — reconnecting (attempt ${connection.attempt ?? 1}${counting ? `, in ${seconds} s` : ''}).`,
    failed: `Could not connect to ${hostId}.`,
  }[connection.state];
  // A host key problem is never retried from here: the fix is in known_hosts, and the banner says how.
  const hostKey = connection.failure?.startsWith('host-key') ?? false;
  const canRetry = !hostKey && (connection.state === 'reconnecting' || connection.state === 'failed' || connection.state === 'lost');
  return (
    <div className={`connection-banner connection-${connection.state}`} role="status" data-connection-state={connection.state}>
      <span className="connection-text">
        {text}
        {connection.reason && connection.state !== 'connecting' ? <span className="connection-reason"> {connection.reason}</span> : null}
      </span>
      {canRetry ? (
        <button type="button" onClick={onReconnect} title={formatChord('Mod+Shift+R')}>
          Reconnect now
        </button>
      ) : null}
    </div>
  );
}
