// The Clusters view: contexts and kinds on the left; for the context shown,
// its connection, then a live table of the chosen kind with a details drawer.
// Several clusters may be open; each keeps what the user chose in it.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { KubeConnection, KubeContext, KubeRow } from '../../../shared/contract/kube';
import { useAppStore } from '../../app/store';
import { ClusterIcon, Spinner } from './ClusterIcons';
import { Details } from './details/Details';
import { ClusterDialogs } from './dialogs/ClusterDialogs';
import { ForwardsPanel } from './ForwardsPanel';
import { useLiveView, useStoreError } from './hooks';
import { KubeTable } from './KubeTable';
import { kindSingular, kindTitle, resourceKey, sameResource } from './model/kinds';
import { rowKey } from './model/row-store';
import { QuickPick } from './QuickPick';
import { ContextList, KindSidebar } from './Sidebar';
import { StatusLine } from './StatusLine';
import { clustersSelectors } from './store/selectors';
import { NAMESPACES } from './store/initialState';
import { TableToolbar } from './TableToolbar';
import './clusters.css';

/** " in a, b matching app=web": where main looked, for an empty table. */
const scopeOf = (namespaces: readonly string[], selector: string) =>
  `${namespaces.length ? ` in ${namespaces.join(', ')}` : ''}${selector.trim() ? ` matching ${selector.trim()}` : ''}`;

const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT');

export function ClustersView() {
  const followKube = useAppStore((s) => s.followKube);
  const forwardsOpen = useAppStore((s) => s.kubeForwardsOpen);
  const searchRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => followKube(), [followKube]);

  // `/` searches, Escape closes the details (unless a dialog, a picker or an editor has it).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const state = useAppStore.getState();
      if (state.activeView !== 'clusters' || state.paletteOpen || state.clusterDialog || state.clusterQuickPick) return;
      if (event.key === '/' && !isEditable(event.target)) {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === 'Escape' && !isEditable(event.target) && clustersSelectors.activeUi(state).details) {
        event.preventDefault();
        state.closeKubeDetails();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section className="clusters-view" aria-label="Clusters">
      <aside className="clusters-sidebar">
        <ContextList />
        <SidebarKinds />
      </aside>
      <div className="clusters-main">
        <ClusterMain searchRef={searchRef} />
      </div>
      {forwardsOpen ? <ForwardsPanel /> : null}
      <ClusterDialogs />
      <QuickPick />
    </section>
  );
}

function SidebarKinds() {
  const context = useAppStore(clustersSelectors.activeContext);
  const connection = useAppStore(clustersSelectors.activeConnection);
  const ui = useAppStore(clustersSelectors.activeUi);
  const selectKind = useAppStore((s) => s.selectKind);
  if (!context || connection?.state !== 'connected' || !connection.kinds) return null;
  return <KindSidebar context={context} kinds={connection.kinds} selected={ui.resource} onSelect={selectKind} />;
}

function ClusterMain({ searchRef }: { searchRef: { current: HTMLInputElement | null } }) {
  const list = useAppStore(clustersSelectors.contextList);
  const loading = useAppStore((s) => s.kubeContextsLoading);
  const error = useAppStore((s) => s.kubeContextsError);
  const active = useAppStore(clustersSelectors.activeContext);
  const info = useAppStore(clustersSelectors.activeContextInfo);
  const connection = useAppStore(clustersSelectors.activeConnection);

  if (!list) {
    if (error) return <ContextsError message={error} />;
    return (
      <div className="kube-center" data-testid="kube-contexts-loading">
        <Spinner label="Reading kubeconfig" /> Reading kubeconfig…
      </div>
    );
  }
  if (list.contexts.length === 0) return <NoKubeconfig files={list.files} problems={list.problems.length} />;
  if (!active) return <ChooseContext count={list.contexts.length} files={list.files} loading={loading} />;
  return (
    <>
      <ClusterHeader context={active} info={info} connection={connection} />
      <ClusterBody context={active} info={info} connection={connection} searchRef={searchRef} />
    </>
  );
}

function ContextsError({ message }: { message: string }) {
  const loadKubeContexts = useAppStore((s) => s.loadKubeContexts);
  return (
    <div className="kube-center">
      <div className="kube-panel kube-panel-error" role="alert">
        <h2>Could not read the kubeconfig</h2>
        <pre className="kube-pre">{message}</pre>
        <button type="button" className="primary" onClick={() => void loadKubeContexts()}>Try again</button>
      </div>
    </div>
  );
}

function NoKubeconfig({ files, problems }: { files: string[]; problems: number }) {
  const loadKubeContexts = useAppStore((s) => s.loadKubeContexts);
  return (
    <div className="kube-center">
      <div className="kube-panel" data-testid="kube-empty-kubeconfig">
        <h2>No Kubernetes contexts</h2>
        {problems ? <p>The kubeconfig has problems (listed on the left) and no usable context.</p> : <p>No kubeconfig defines a context.</p>}
        <p>Looked in:</p>
        <ul className="kube-files">
          {files.length ? files.map((f) => <li key={f}><code>{f}</code></li>) : <li><code>$KUBECONFIG</code>, else <code>~/.kube/config</code></li>}
        </ul>
        <p>
          To try the workbench against a test cluster, run <code>npm run sandbox</code>: it starts one and writes its kubeconfig. Point <code>KUBECONFIG</code> at that file (or add it to the <code>kube.kubeconfigFiles</code> setting) and refresh.
        </p>
        <button type="button" onClick={() => void loadKubeContexts()}>Read the kubeconfig again</button>
      </div>
    </div>
  );
}

function ChooseContext({ count, files, loading }: { count: number; files: string[]; loading: boolean }) {
  const setClusterQuickPick = useAppStore((s) => s.setClusterQuickPick);
  return (
    <div className="kube-center">
      <div className="kube-panel" data-testid="kube-choose-context">
        <h2>Pick a context</h2>
        <p>
          {count} context{count === 1 ? '' : 's'} from {files.map((f, i) => (
            <span key={f}>
              {i ? ', ' : ''}
              <code>{f}</code>
            </span>
          ))}
          {loading ? ' (reading…)' : ''}. Choose one on the left to connect to its cluster; several can be open at once.
        </p>
        <button type="button" className="primary" onClick={() => setClusterQuickPick('context')}>Switch context…</button>
      </div>
    </div>
  );
}

const FAILURES: Record<string, string> = {
  unreachable: 'Cannot reach the API server',
  timeout: 'The API server did not answer in time',
  tls: 'The TLS connection failed',
  unauthorized: 'The credentials were refused',
  forbidden: 'Access is denied',
  'credential-plugin': 'The credential plugin failed',
  config: 'This kubeconfig entry cannot be used',
  protocol: 'The server did not answer as an API server does',
};

function ClusterHeader({ context, info, connection }: { context: string; info: KubeContext | undefined; connection: KubeConnection | undefined }) {
  const forwards = useAppStore(clustersSelectors.forwardCount);
  const { setKubeForwardsOpen, setClusterQuickPick } = useAppStore.getState();
  const forwardsOpen = useAppStore((s) => s.kubeForwardsOpen);
  const state = connection?.state ?? 'disconnected';
  return (
    <header className="kube-header">
      <button type="button" className="kube-header-context" title="Switch context" onClick={() => setClusterQuickPick('context')}>
        <strong>{context}</strong>
        <ClusterIcon name="chevronDown" size={12} />
      </button>
      {info ? <span className="hint kube-server" title={`from ${info.file}`}>{info.server}</span> : <span className="error-text">not in the kubeconfig any more</span>}
      <span className={`kube-connection state-${state}`} data-testid="cluster-connection-state" data-state={state} role="status">
        {state === 'connecting' ? <Spinner /> : <span className={`kube-state-dot state-${state}`} />}
        {state === 'connected'
          ? `Connected${connection?.version ? ` · ${connection.version}` : ''}`
          : state === 'connecting'
            ? 'Connecting…'
            : state === 'failed'
              ? `Failed${connection?.failure ? `: ${connection.failure}` : ''}`
              : 'Not connected'}
      </span>
      <span className="toolbar-spacer" />
      <button type="button" className={forwardsOpen ? 'pressed' : undefined} data-testid="kube-forwards-toggle" aria-pressed={forwardsOpen} onClick={() => setKubeForwardsOpen(!forwardsOpen)}>
        Port-forwards{forwards ? ` (${forwards})` : ''}
      </button>
    </header>
  );
}

function ClusterBody({ context, info, connection, searchRef }: { context: string; info: KubeContext | undefined; connection: KubeConnection | undefined; searchRef: { current: HTMLInputElement | null } }) {
  const connectContext = useAppStore((s) => s.connectContext);
  const state = connection?.state ?? 'disconnected';
  if (state === 'connected') return <ClusterTable context={context} info={info} connection={connection!} searchRef={searchRef} />;
  if (state === 'connecting') {
    return (
      <div className="kube-center" data-testid="kube-connecting">
        <Spinner label="Connecting" /> Connecting to {info?.server ?? context}
        {info?.auth === 'exec' ? ` (running ${info.execCommand ?? 'the credential plugin'} for credentials)` : ''}…
      </div>
    );
  }
  if (state === 'failed') {
    return (
      <div className="kube-center">
        <div className="kube-panel kube-panel-error" role="alert" data-testid="kube-connection-error" data-failure={connection?.failure}>
          <h2>{(connection?.failure && FAILURES[connection.failure]) || 'Could not connect'}</h2>
          <p>
            Context <code>{context}</code>
            {info ? (
              <>
                {' '}
                → <code>{info.server}</code> as <code>{info.user}</code> ({info.auth}
                {info.execCommand ? `: ${info.execCommand}` : ''})
              </>
            ) : null}
          </p>
          {connection?.error ? <pre className="kube-pre" data-testid="kube-connection-error-text">{connection.error}</pre> : null}
          {connection?.failure === 'credential-plugin' ? <p className="hint">That is what the credential plugin printed. Log in with its own tool (e.g. your cloud CLI) if it asks you to, then retry.</p> : null}
          {connection?.failure === 'tls' ? <p className="hint">Check the cluster's certificate-authority in the kubeconfig, and the server address.</p> : null}
          <button type="button" className="primary" data-testid="kube-retry" onClick={() => void connectContext(context)}>
            Retry
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="kube-center">
      <div className="kube-panel">
        <h2>Not connected</h2>
        <p>The connection to <code>{context}</code> is closed.</p>
        <button type="button" className="primary" data-testid="kube-connect" onClick={() => void connectContext(context)}>
          Connect
        </button>
      </div>
    </div>
  );
}

function ClusterTable({ context, info, connection, searchRef }: { context: string; info: KubeContext | undefined; connection: KubeConnection; searchRef: { current: HTMLInputElement | null } }) {
  const ui = useAppStore(clustersSelectors.activeUi);
  const detailsWidth = useAppStore((s) => s.detailsWidth);
  const { selectKubeRow, openKubeDetails, sortKube, setKubeSearch, setKubeNamespaces, setKubeLabelSelector } = useAppStore.getState();
  const kinds = useMemo(() => connection.kinds ?? [], [connection.kinds]);
  const kind = kinds.find((k) => sameResource(k, ui.resource));
  const resource = useMemo(() => (kind ? { group: kind.group, version: kind.version, resource: kind.resource } : ui.resource), [kind, ui.resource]);
  const namespaced = kind?.namespaced ?? true;
  const namespaces = useMemo(() => (namespaced ? ui.namespaces : []), [namespaced, ui.namespaces]);
  const held = useLiveView(context, resource, namespaces, ui.labelSelector);
  const store = held.shown?.store;
  const sort = clustersSelectors.sortOf(ui);
  const plural = kind ? kindTitle(kind).toLowerCase() : ui.resource.resource;
  const singular = kind ? kindSingular(kind) : ui.resource.resource;
  const focusTable = useRef<(() => void) | undefined>(undefined);
  const canListNamespaces = kinds.some((k) => sameResource(k, NAMESPACES));

  useEffect(() => {
    store?.setFilter({ namespaces, query: ui.search });
  }, [store, namespaces, ui.search]);

  const refOf = useCallback((row: KubeRow) => ({ context, resource, ...(kind ? { kind: kind.kind } : {}), namespace: row.namespace, name: row.name }), [context, resource, kind]);
  const onSelect = useCallback(
    (row: KubeRow) => {
      // With the drawer open, it follows the selection.
      if (clustersSelectors.activeUi(useAppStore.getState()).details) openKubeDetails(refOf(row));
      else selectKubeRow(rowKey(row));
    },
    [openKubeDetails, selectKubeRow, refOf],
  );
  const onOpen = useCallback((row: KubeRow) => openKubeDetails(refOf(row)), [openKubeDetails, refOf]);
  const viewError = useStoreError(held.view?.store);
  const selectorError = viewError && held.view?.errorField === 'labelSelector' ? viewError : undefined;

  return (
    <div className="kube-main" data-kind={resourceKey(resource)}>
      <TableToolbar
        key={context}
        context={context}
        namespaced={namespaced}
        search={ui.search}
        namespaces={ui.namespaces}
        labelSelector={ui.labelSelector}
        selectorError={selectorError}
        rows={store}
        canListNamespaces={canListNamespaces}
        defaultNamespace={info?.namespace}
        searchRef={searchRef}
        onSearch={setKubeSearch}
        onNamespaces={setKubeNamespaces}
        onLabelSelector={setKubeLabelSelector}
        onEnterTable={() => focusTable.current?.()}
        onWarmSearch={() => store?.warmSearch()}
      />
      <div className="kube-content">
        <div className="kube-table-pane">
          {store ? (
            <KubeTable store={store} plural={plural} scope={scopeOf(namespaces, ui.labelSelector)} sort={sort} selected={ui.selected} onSort={sortKube} onSelect={onSelect} onOpen={onOpen} focusRef={focusTable} />
          ) : (
            <div className="kube-table" data-testid="kube-table" />
          )}
          <StatusLine
            store={held.view?.store}
            plural={plural}
            singular={singular}
            namespaces={namespaces}
            context={info}
            onRetry={() => held.view?.restart()}
            onOnlyNamespace={(ns) => setKubeNamespaces([ns])}
          />
        </div>
        {ui.details ? (
          <Details target={ui.details} tab={ui.detailsTab} kinds={kinds} width={detailsWidth} rows={sameResource(ui.details.resource, resource) && ui.details.context === context ? held.view?.store : undefined} />
        ) : null}
      </div>
    </div>
  );
}

