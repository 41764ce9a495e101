import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../app/store';
import { controllers } from './controllers';

/** Find in a terminal's scrollback: Enter for next, Shift+Enter for previous, Escape closes. */
export function SearchBar({ paneId }: { paneId: string }) {
  const [query, setQuery] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [regex, setRegex] = useState(false);
  const [results, setResults] = useState<{ index: number; count: number }>();
  const [invalid, setInvalid] = useState<string>();
  const inputRef = useRef<HTMLInputElement>(null);
  const close = useAppStore((s) => s.closeSearch);

  useEffect(() => {
    inputRef.current?.focus();
    return controllers.get(paneId)?.onSearchResults((index, count) => setResults({ index, count }));
  }, [paneId]);

  const find = (direction: 'next' | 'previous', text = query) => {
    if (regex && text) {
      try {
        new RegExp(text);
        setInvalid(undefined);
      } catch (error) {
        setInvalid((error as Error).message);
        return;
      }
    } else {
      setInvalid(undefined);
    }
    const found = controllers.get(paneId)?.find(text, direction, { caseSensitive, regex });
    if (!found) setResults(text ? { index: -1, count: 0 } : undefined);
  };

  return (
    <div className="search-bar" role="search" onMouseDown={(e) => e.stopPropagation()}>
      <input
        ref={inputRef}
        aria-label="Find in terminal"
        aria-invalid={invalid ? true : undefined}
        placeholder="Find"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          find('next', e.target.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') find(e.shiftKey ? 'previous' : 'next');
          if (e.key === 'Escape') close();
        }}
      />
      <label title="Match case"><input type="checkbox" aria-label="Match case" checked={caseSensitive} onChange={(e) => setCaseSensitive(e.target.checked)} />Aa</label>
      <label title="Regular expression"><input type="checkbox" aria-label="Regular expression" checked={regex} onChange={(e) => setRegex(e.target.checked)} />.*</label>
      <span className="search-count">
        {invalid ? <span className="error-text">Invalid regex: {invalid}</span> : results ? (results.count === 0 ? 'No results' : `${results.index + 1} of ${results.count}`) : ''}
      </span>
      <button type="button" onClick={() => find('previous')} aria-label="Previous match">↑</button>
      <button type="button" onClick={() => find('next')} aria-label="Next match">↓</button>
      <button type="button" onClick={close} aria-label="Close find">✕</button>
    </div>
  );
}
