// Saved commands with {{parameters}}: run one in the active terminal, or on
// every selected host (each gets a terminal, and the command once connected).
import { useMemo, useState } from 'react';
import { renderSnippet, snippetParams, type Snippet } from '../../../shared/contract/snippets';
import { useAppStore } from '../../app/store';
import { controllers } from '../terminals/controllers';

export function SnippetsDialog() {
  const open = useAppStore((s) => s.snippetsOpen);
  return open ? <SnippetsBody /> : null;
}

function SnippetsBody() {
  const snippets = useAppStore((s) => s.snippets);
  const selectedHosts = useAppStore((s) => s.selectedHostIds);
  const activePane = useAppStore((s) => s.tabs.find((t) => t.id === s.activeTabId)?.activePaneId);
  const { openSnippets, saveSnippet, removeSnippet, openHosts } = useAppStore.getState();
  const [chosen, setChosen] = useState<Snippet>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [target, setTarget] = useState<'terminal' | 'hosts'>(activePane ? 'terminal' : 'hosts');
  const [draft, setDraft] = useState<{ id?: string; name: string; command: string }>();
  const params = useMemo(() => (chosen ? snippetParams(chosen.command) : []), [chosen]);
  const close = () => openSnippets(false);

  const run = () => {
    if (!chosen) return;
    const command = renderSnippet(chosen.command, values);
    if (target === 'terminal' && activePane) controllers.get(activePane)?.send(`${command}\r`);
    else if (target === 'hosts' && selectedHosts.length) openHosts(selectedHosts, { initialInput: `${command}\r` });
    close();
  };

  return (
    <div className="overlay" onMouseDown={close}>
      <div className="dialog snippets-dialog" role="dialog" aria-label="Snippets" onMouseDown={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && close()}>
        <h2>Snippets</h2>
        <div className="snippets-layout">
          <ul className="snippet-list">
            {snippets.map((s) => (
              <li key={s.id}>
                <button type="button" className={chosen?.id === s.id ? 'selected' : ''} onClick={() => { setChosen(s); setValues({}); setDraft(undefined); }}>
                  {s.name}
                </button>
              </li>
            ))}
            <li>
              <button type="button" className="link-button" onClick={() => { setDraft({ name: '', command: '' }); setChosen(undefined); }}>
                + New snippet
              </button>
            </li>
          </ul>
          <div className="snippet-detail">
            {draft ? (
              <form onSubmit={(e) => { e.preventDefault(); void saveSnippet(draft).then(() => setDraft(undefined)); }}>
                <label className="prompt-field"><span>Name</span><input autoFocus value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} /></label>
                <label className="prompt-field">
                  <span>Command — <code>{'{{name}}'}</code> or <code>{'{{name=default}}'}</code> become parameters</span>
                  <textarea rows={3} value={draft.command} onChange={(e) => setDraft({ ...draft, command: e.target.value })} />
                </label>
                <button type="submit" className="primary" disabled={!draft.name.trim() || !draft.command.trim()}>Save</button>
              </form>
            ) : chosen ? (
              <form onSubmit={(e) => { e.preventDefault(); run(); }}>
                <pre className="snippet-command">{chosen.command}</pre>
                {params.map((p) => (
                  <label key={p.name} className="prompt-field">
                    <span>{p.name}</span>
                    <input value={values[p.name] ?? ''} placeholder={p.default} onChange={(e) => setValues({ ...values, [p.name]: e.target.value })} />
                  </label>
                ))}
                <fieldset className="snippet-target">
                  <label><input type="radio" checked={target === 'terminal'} disabled={!activePane} onChange={() => setTarget('terminal')} /> In the active terminal</label>
                  <label><input type="radio" checked={target === 'hosts'} disabled={!selectedHosts.length} onChange={() => setTarget('hosts')} /> On the {selectedHosts.length} selected host{selectedHosts.length === 1 ? '' : 's'}</label>
                </fieldset>
                <p className="hint">Runs: <code>{renderSnippet(chosen.command, values)}</code></p>
                <div className="dialog-actions">
                  <button type="button" className="danger" onClick={() => void removeSnippet(chosen.id).then(() => setChosen(undefined))}>Delete</button>
                  <button type="button" onClick={() => setDraft({ id: chosen.id, name: chosen.name, command: chosen.command })}>Edit</button>
                  <button type="submit" className="primary" disabled={(target === 'terminal' && !activePane) || (target === 'hosts' && !selectedHosts.length)}>Run</button>
                </div>
              </form>
            ) : (
              <p className="hint">Pick a snippet, or make a new one.</p>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
