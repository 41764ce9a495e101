// Namespace multi-select: the namespaces of the cluster (a live view of the
// Namespace kind), or, where listing them is forbidden, those the table's rows
// are in. Empty selection is every namespace.
import { useEffect, useRef, useState } from 'react';
import { useBackgroundView, useStoreVersion } from './hooks';
import type { RowStore } from './model/row-store';
import { NAMESPACES } from './store/initialState';

export function NamespaceSelect(props: { context: string; selected: readonly string[]; onChange(namespaces: string[]): void; rows: RowStore | undefined; canList: boolean; defaultNamespace: string | undefined }) {
  const { context, selected, onChange, rows, canList, defaultNamespace } = props;
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const rootRef = useRef<HTMLDivElement>(null);
  const view = useBackgroundView(context, NAMESPACES, canList);
  useStoreVersion(open ? view?.store : undefined);
  const forbidden = view?.store.status?.phase === 'forbidden' || view?.store.error !== undefined;

  // Read while the list is open (and again when the namespace view changes: `useStoreVersion` above).
  let names: string[] = [];
  if (open) {
    const found = new Set<string>(selected);
    if (defaultNamespace) found.add(defaultNamespace);
    if (view && !forbidden) for (const row of view.store.rows.values()) found.add(row.name);
    // Listing namespaces is not allowed (or not yet done): offer those the table's rows are in.
    if ((!view || forbidden || !view.store.loaded) && rows) for (const ns of rows.namespaces()) found.add(ns);
    names = [...found].sort();
  }

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const shown = filter ? names.filter((n) => n.includes(filter.trim().toLowerCase())) : names;
  const label = selected.length === 0 ? 'All namespaces' : selected.length <= 2 ? selected.join(', ') : `${selected.length} namespaces`;
  const toggle = (ns: string) => onChange(selected.includes(ns) ? selected.filter((n) => n !== ns) : [...selected, ns]);

  return (
    <div className="ns-select" ref={rootRef}>
      <button type="button" className="ns-select-button" data-testid="kube-namespace-select" aria-haspopup="listbox" aria-expanded={open} onClick={() => setOpen(!open)} title="Namespaces shown">
        <span className="hint">ns</span> {label} <span className="ns-caret">▾</span>
      </button>
      {open ? (
        <div
          className="ns-popover"
          role="listbox"
          aria-multiselectable="true"
          aria-label="Namespaces"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <input type="text" autoFocus placeholder="Filter namespaces…" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Filter namespaces" />
          <label className="ns-option" data-testid="kube-namespace-all">
            <input type="checkbox" checked={selected.length === 0} onChange={() => onChange([])} /> <strong>All namespaces</strong>
          </label>
          <div className="ns-options">
            {shown.map((ns) => (
              <label key={ns} className="ns-option" data-testid={`kube-namespace-option-${ns}`}>
                <input type="checkbox" checked={selected.includes(ns)} onChange={() => toggle(ns)} /> {ns}
                {ns === defaultNamespace ? <span className="chip">context default</span> : null}
              </label>
            ))}
            {shown.length === 0 ? <p className="hint ns-none">{names.length ? 'No namespace matches.' : 'No namespaces known yet.'}</p> : null}
          </div>
          {forbidden ? <p className="hint ns-note">Listing namespaces is not allowed here: these are the ones the table's rows are in.</p> : null}
        </div>
      ) : null}
    </div>
  );
}
