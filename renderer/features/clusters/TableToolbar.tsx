// Above the table: fuzzy search (instant, in the renderer), namespaces, and a
// label selector (checked here as it is typed, applied by main on Enter).
import { useCallback, useEffect, useRef, useState } from 'react';
import { parseLabelSelector, SelectorError } from '../../../shared/kube/label-selector';
import { NamespaceSelect } from './NamespaceSelect';
import type { RowStore } from './model/row-store';

export interface TableToolbarProps {
  context: string;
  namespaced: boolean;
  search: string;
  namespaces: readonly string[];
  labelSelector: string;
  /** Main's complaint about the selector (the stream failed on it). */
  selectorError: string | undefined;
  rows: RowStore | undefined;
  canListNamespaces: boolean;
  defaultNamespace: string | undefined;
  searchRef: { current: HTMLInputElement | null };
  onSearch(search: string): void;
  onNamespaces(namespaces: string[]): void;
  onLabelSelector(selector: string): void;
  /** Arrow down or Enter in the search box: go to the rows. */
  onEnterTable(): void;
  /** The search box has focus: prepare the rows for searching meanwhile. */
  onWarmSearch(): void;
}

export function TableToolbar(props: TableToolbarProps) {
  const { search, onSearch } = props;
  const [draft, setDraft] = useState(search);
  const [selector, setSelector] = useState(props.labelSelector);
  const [selectorProblem, setSelectorProblem] = useState<string>();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  // The search changed elsewhere (a link cleared it, another kind): show that, not the old draft.
  const sent = useRef(search);
  useEffect(() => {
    if (search === sent.current) return;
    sent.current = search;
    setDraft(search);
  }, [search]);

  const send = useCallback(
    (text: string) => {
      sent.current = text;
      onSearch(text);
    },
    [onSearch],
  );

  // Typing is instant in the box; the table re-filters a beat later, once per pause.
  useEffect(() => {
    if (draft === sent.current) return;
    timer.current = setTimeout(() => send(draft), 120);
    return () => clearTimeout(timer.current);
  }, [draft, send]);

  const checkSelector = (text: string): string | undefined => {
    try {
      parseLabelSelector(text);
      return undefined;
    } catch (error) {
      return error instanceof SelectorError ? error.message : String(error);
    }
  };

  const applySelector = () => {
    const problem = checkSelector(selector);
    setSelectorProblem(problem);
    if (!problem && selector.trim() !== props.labelSelector.trim()) props.onLabelSelector(selector.trim());
  };

  const shownSelectorError = selectorProblem ?? props.selectorError;
  return (
    <div className="kube-toolbar">
      <div className="kube-search-box">
        <input
          ref={props.searchRef}
          type="search"
          data-testid="kube-search"
          aria-label="Search by name"
          placeholder="Search name…  ( / )"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onFocus={props.onWarmSearch}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'Enter') {
              e.preventDefault();
              clearTimeout(timer.current);
              if (draft !== sent.current) send(draft);
              props.onEnterTable();
            } else if (e.key === 'Escape' && draft) {
              e.stopPropagation();
              setDraft('');
              send('');
            }
          }}
        />
      </div>
      {props.namespaced ? (
        <NamespaceSelect
          context={props.context}
          selected={props.namespaces}
          onChange={props.onNamespaces}
          rows={props.rows}
          canList={props.canListNamespaces}
          defaultNamespace={props.defaultNamespace}
        />
      ) : null}
      <div className="kube-selector-box">
        <input
          type="text"
          data-testid="kube-label-selector"
          aria-label="Label selector"
          aria-invalid={shownSelectorError ? true : undefined}
          placeholder="Labels: app=web,tier in (a,b),!canary"
          spellCheck={false}
          value={selector}
          onChange={(e) => {
            setSelector(e.target.value);
            setSelectorProblem(e.target.value.trim() ? checkSelector(e.target.value) : undefined);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') applySelector();
            if (e.key === 'Escape' && selector) {
              e.stopPropagation();
              setSelector('');
              setSelectorProblem(undefined);
              if (props.labelSelector) props.onLabelSelector('');
            }
          }}
          onBlur={applySelector}
        />
        {shownSelectorError ? (
          <div className="kube-selector-error" role="alert" data-testid="kube-label-selector-error">
            {shownSelectorError}
          </div>
        ) : null}
      </div>
    </div>
  );
}
