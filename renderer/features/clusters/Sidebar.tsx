// The left column: the kubeconfig's contexts (with their connection state),
// then the kinds of the cluster shown, grouped as Lens and Headlamp group them.
import { useState } from 'react';
import type { KubeConnection, KubeContext, KubeKind, KubeResource } from '../../../shared/contract/kube';
import { useAppStore } from '../../app/store';
import { ClusterIcon, Spinner } from './ClusterIcons';
import { groupKinds, kindTestIds, kindTitle, resourceKey, sameResource } from './model/kinds';
import { kindStatusKey } from './store/action';

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

function StateMark({ connection }: { connection: KubeConnection | undefined }) {
  const state = connection?.state ?? 'disconnected';
  if (state === 'connecting') return <Spinner />;
  return <span className={`kube-state-dot state-${state}`} title={state} />;
}

function ContextItem({ context, connection, active }: { context: KubeContext; connection: KubeConnection | undefined; active: boolean }) {
  const { selectContext, disconnectContext } = useAppStore.getState();
  const auth = context.auth === 'exec' && context.execCommand ? `exec: ${baseName(context.execCommand)}` : context.auth;
  return (
    <li className={`kube-context${active ? ' active' : ''}`}>
      <button
        type="button"
        className="kube-context-button"
        data-testid={`cluster-context-${context.name}`}
        data-state={connection?.state ?? 'disconnected'}
        aria-current={active ? 'true' : undefined}
        title={`${context.name}\ncluster ${context.cluster} at ${context.server}\nuser ${context.user} (${context.auth})${context.namespace ? `\nnamespace ${context.namespace}` : ''}\nfrom ${context.file}`}
        onClick={() => selectContext(context.name)}
      >
        <StateMark connection={connection} />
        <span className="kube-context-text">
          <span className="kube-context-name">
            {context.name}
            {context.current ? <span className="chip kube-current">current</span> : null}
          </span>
          <span className="kube-context-meta">
            {auth} · {baseName(context.file)}
          </span>
        </span>
      </button>
      {connection?.state === 'connected' ? (
        <button type="button" className="icon-button kube-context-close" title={`Close ${context.name}`} aria-label={`Disconnect ${context.name}`} onClick={() => void disconnectContext(context.name)}>
          <ClusterIcon name="close" size={12} />
        </button>
      ) : null}
    </li>
  );
}

export function ContextList() {
  const list = useAppStore((s) => s.kubeContextList);
  const loading = useAppStore((s) => s.kubeContextsLoading);
  const connections = useAppStore((s) => s.kubeConnections);
  const active = useAppStore((s) => s.activeContext);
  const loadKubeContexts = useAppStore((s) => s.loadKubeContexts);
  const [collapsed, setCollapsed] = useState(false);
  const contexts = list?.contexts ?? [];
  return (
    <section className="kube-sidebar-section kube-contexts" aria-label="Contexts">
      <header className="kube-sidebar-header">
        <button type="button" className="kube-section-toggle" aria-expanded={!collapsed} onClick={() => setCollapsed(!collapsed)}>
          <ClusterIcon name={collapsed ? 'chevronRight' : 'chevronDown'} size={12} /> Contexts <span className="hint">{contexts.length || ''}</span>
        </button>
        <button type="button" className="icon-button" title="Read the kubeconfig again" aria-label="Refresh contexts" data-testid="kube-refresh-contexts" onClick={() => void loadKubeContexts()}>
          {loading ? <Spinner /> : <ClusterIcon name="refresh" size={13} />}
        </button>
      </header>
      {collapsed ? null : (
        <ul className="kube-context-list">
          {contexts.map((c) => (
            <ContextItem key={c.name} context={c} connection={connections[c.name]} active={c.name === active} />
          ))}
        </ul>
      )}
      {list?.problems.length ? (
        <div className="kube-problems" data-testid="kube-config-problems" role="alert">
          {list.problems.map((p, i) => (
            <div key={i} className={`kube-problem problem-${p.severity}`} title={p.file}>
              <code>
                {baseName(p.file)}
                {p.line ? `:${p.line}` : ''}
              </code>{' '}
              {p.message}
            </div>
          ))}
        </div>
      ) : null}
    </section>
  );
}

export function KindSidebar({ context, kinds, selected, onSelect }: { context: string; kinds: readonly KubeKind[]; selected: KubeResource; onSelect(resource: KubeResource): void }) {
  const statuses = useAppStore((s) => s.kindStatus);
  const [closed, setClosed] = useState<Record<string, boolean>>({});
  const sections = groupKinds(kinds);
  const ids = kindTestIds(kinds);
  return (
    <nav className="kube-sidebar-section kube-kinds" aria-label="Kinds">
      {sections.map((section) => {
        const isClosed = closed[section.category] ?? section.category === 'Custom Resources';
        return (
          <div key={section.category} className="kube-kind-section">
            <button type="button" className="kube-section-toggle" aria-expanded={!isClosed} onClick={() => setClosed({ ...closed, [section.category]: !isClosed })}>
              <ClusterIcon name={isClosed ? 'chevronRight' : 'chevronDown'} size={12} /> {section.category}
            </button>
            {isClosed
              ? null
              : section.groups.map((group) => (
                  <ul key={group.group ?? ''} className="kube-kind-list">
                    {group.group ? <li className="kube-kind-group">{group.group}</li> : null}
                    {group.kinds.map((kind) => {
                      const status = statuses[kindStatusKey(context, kind)];
                      const forbidden = status?.phase === 'forbidden';
                      const active = sameResource(kind, selected);
                      return (
                        <li key={resourceKey(kind)}>
                          <button
                            type="button"
                            className={`kube-kind${active ? ' active' : ''}${forbidden ? ' forbidden' : ''}`}
                            data-testid={ids.get(resourceKey(kind))}
                            data-forbidden={forbidden || undefined}
                            aria-current={active ? 'page' : undefined}
                            title={forbidden ? `Forbidden: you may not list ${kindTitle(kind)} here${status?.message ? ` (${status.message})` : ''}` : `${kind.kind} (${kind.group ? `${kind.group}/` : ''}${kind.version})`}
                            onClick={() => onSelect({ group: kind.group, version: kind.version, resource: kind.resource })}
                          >
                            <span className="kube-kind-title">{kindTitle(kind)}</span>
                            {forbidden ? (
                              <ClusterIcon name="lock" size={12} title="Forbidden" />
                            ) : status && status.phase !== 'error' ? (
                              <span className="kube-kind-count">{status.count.toLocaleString('en-US')}</span>
                            ) : null}
                          </button>
                        </li>
                      );
                    })}
                  </ul>
                ))}
          </div>
        );
      })}
    </nav>
  );
}
