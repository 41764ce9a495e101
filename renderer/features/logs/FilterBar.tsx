// The find toolbar: filter chips (include/exclude, plain or regex, case),
// the input they come from, a highlight term to step through, the time range.
import { useState, type RefObject } from 'react';
import type { LogWindow } from '../../../shared/contract/logs';
import { addChip, chipForTextIndex, chipFromInput, chipLabel, invertChip, removeChip, type FilterModel } from './model/filters';
import { fromLocalInput, toLocalInput } from './model/format';

export function FilterBar(props: {
  model: FilterModel;
  onChange(model: FilterModel): void;
  filterError: LogWindow['filterError'];
  highlight: string;
  onHighlight(text: string): void;
  onNavigate(direction: 1 | -1): void;
  navError: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const { model, onChange, filterError } = props;
  const [text, setText] = useState('');
  const [regex, setRegex] = useState(false);
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [exclude, setExclude] = useState(false);
  const errorChip = filterError ? chipForTextIndex(model, filterError.index) : -1;

  const add = () => {
    const chip = chipFromInput({ text, regex, caseSensitive, exclude });
    if (!chip) return;
    onChange(addChip(model, chip));
    setText('');
  };

  return (
    <div className="logs-filterbar">
      <div className="logs-filter-field">
        <div className="logs-filter-row">
          <input type="text"
            ref={props.inputRef}
            className="logs-filter-input"
            data-testid="logs-filter-input"
            placeholder="Filter: text, /regex/ toggle, @key=value…  ( / )"
            aria-label="Filter"
            value={text}
            spellCheck={false}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              } else if (e.key === 'Escape') {
                e.currentTarget.blur();
              }
            }}
          />
          <button type="button" className={`logs-toggle${regex ? ' on' : ''}`} aria-pressed={regex} data-testid="logs-filter-regex" title="Regular expression" onClick={() => setRegex(!regex)}>
            .*
          </button>
          <button type="button" className={`logs-toggle${caseSensitive ? ' on' : ''}`} aria-pressed={caseSensitive} data-testid="logs-filter-case" title="Match case" onClick={() => setCaseSensitive(!caseSensitive)}>
            Aa
          </button>
          <button type="button" className={`logs-toggle${exclude ? ' on' : ''}`} aria-pressed={exclude} data-testid="logs-filter-exclude" title="Exclude matching lines" onClick={() => setExclude(!exclude)}>
            −
          </button>
          <button type="button" data-testid="logs-filter-add" disabled={!text.trim()} onClick={add}>
            Add
          </button>
        </div>
        {filterError ? (
          <div className="logs-filter-error error-text" role="alert" data-testid="logs-filter-error">
            {errorChip >= 0 ? `${chipLabel(model.chips[errorChip]!)}: ` : ''}
            {filterError.message}
          </div>
        ) : null}
      </div>
      <div className="logs-chips" aria-label="Filters">
        {model.chips.map((chip, i) => (
          <span
            key={`${i}:${chipLabel(chip)}`}
            className={`chip logs-chip${chip.kind === 'text' && chip.filter.exclude ? ' exclude' : ''}${i === errorChip ? ' invalid' : ''}`}
            data-testid={`logs-filter-chip-${i}`}
          >
            {chip.kind === 'text' ? (
              <button type="button" className="link-button" title={chip.filter.exclude ? 'Excluding: click to keep only these' : 'Keeping: click to exclude these'} onClick={() => onChange(invertChip(model, i))}>
                {chipLabel(chip)}
              </button>
            ) : (
              <span>{chipLabel(chip)}</span>
            )}
            <button type="button" className="logs-chip-remove" aria-label={`Remove filter ${chipLabel(chip)}`} onClick={() => onChange(removeChip(model, i))}>
              ×
            </button>
          </span>
        ))}
      </div>
      <span className="toolbar-spacer" />
      <div className="logs-filter-field">
        <div className="logs-filter-row">
          <input type="text"
            className="logs-highlight-input"
            data-testid="logs-highlight-input"
            placeholder="Highlight…  (Enter / Shift+Enter)"
            aria-label="Highlight"
            value={props.highlight}
            spellCheck={false}
            onChange={(e) => props.onHighlight(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                props.onNavigate(e.shiftKey ? -1 : 1);
              } else if (e.key === 'Escape') e.currentTarget.blur();
            }}
          />
          <button type="button" className="icon-button" title="Previous match (Shift+Enter, Shift+F3)" aria-label="Previous match" data-testid="logs-prev" onClick={() => props.onNavigate(-1)}>
            ↑
          </button>
          <button type="button" className="icon-button" title="Next match (Enter, F3)" aria-label="Next match" data-testid="logs-next" onClick={() => props.onNavigate(1)}>
            ↓
          </button>
        </div>
        {props.navError ? (
          <div className="logs-filter-error hint" data-testid="logs-nav-message">
            {props.navError}
          </div>
        ) : null}
      </div>
      <div className="logs-time-range">
        <input type="datetime-local" step={1} aria-label="From" data-testid="logs-from" value={toLocalInput(model.from)} onChange={(e) => onChange({ ...model, from: fromLocalInput(e.target.value) })} />
        <span className="hint">–</span>
        <input type="datetime-local" step={1} aria-label="To" data-testid="logs-to" value={toLocalInput(model.to)} onChange={(e) => onChange({ ...model, to: fromLocalInput(e.target.value) })} />
        {model.from !== undefined || model.to !== undefined ? (
          <button type="button" className="link-button" data-testid="logs-time-clear" onClick={() => onChange({ ...model, from: undefined, to: undefined })}>
            all time
          </button>
        ) : null}
      </div>
    </div>
  );
}
