// A palette of contexts or kinds ("Clusters: Switch context…", "Go to kind…"):
// type to narrow, Enter to go.
import { Command as Cmdk } from 'cmdk';
import { useAppStore } from '../../app/store';
import { browsableKinds, kindTitle, resourceKey } from './model/kinds';
import { clustersSelectors } from './store/selectors';

export function QuickPick() {
  const pick = useAppStore((s) => s.clusterQuickPick);
  const contexts = useAppStore((s) => s.kubeContextList?.contexts);
  const connections = useAppStore((s) => s.kubeConnections);
  const kinds = useAppStore(clustersSelectors.activeKinds);
  const { setClusterQuickPick, selectContext, selectKind } = useAppStore.getState();
  if (!pick) return null;
  const close = () => setClusterQuickPick(undefined);
  return (
    <div className="overlay" onMouseDown={close}>
      <Cmdk
        label={pick === 'context' ? 'Switch context' : 'Go to kind'}
        className="palette"
        data-testid="kube-quickpick"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
        loop
      >
        <Cmdk.Input autoFocus placeholder={pick === 'context' ? 'Context…' : 'Kind: pods, deploy, svc…'} className="palette-input" />
        <Cmdk.List className="palette-list">
          <Cmdk.Empty className="palette-empty">{pick === 'context' ? 'No context matches.' : kinds.length ? 'No kind matches.' : 'Connect to a cluster first.'}</Cmdk.Empty>
          {pick === 'context'
            ? (contexts ?? []).map((c) => (
                <Cmdk.Item key={c.name} value={`${c.name} ${c.cluster}`} className="palette-item" onSelect={() => selectContext(c.name)}>
                  <span className={`kube-state-dot state-${connections[c.name]?.state ?? 'disconnected'}`} />
                  {c.name}
                  {c.current ? <span className="chip">current</span> : null}
                  <span className="palette-keys">{c.server}</span>
                </Cmdk.Item>
              ))
            : browsableKinds(kinds).map((k) => (
                <Cmdk.Item key={resourceKey(k)} value={`${kindTitle(k)} ${k.resource} ${k.kind} ${k.shortNames.join(' ')} ${k.group}`} className="palette-item" onSelect={() => selectKind({ group: k.group, version: k.version, resource: k.resource })}>
                  {kindTitle(k)}
                  <span className="palette-category">{k.group || 'core'}</span>
                  {k.shortNames.length ? <span className="palette-keys">{k.shortNames.join(', ')}</span> : null}
                </Cmdk.Item>
              ))}
        </Cmdk.List>
      </Cmdk>
    </div>
  );
}
