import type { ReactNode } from 'react';
import type { TerminalSettings } from '../../../shared/contract/settings';
import { useAppStore } from '../../app/store';
import { settingsSelectors } from './store/selectors';

function Row({ label, hint, children }: { label: string; hint?: string; children: ReactNode }) {
  return (
    <label className="settings-row">
      <span className="settings-label">
        {label}
        {hint ? <span className="hint">{hint}</span> : null}
      </span>
      {children}
    </label>
  );
}

export function SettingsView() {
  const settings = useAppStore(settingsSelectors.settings);
  const path = useAppStore(settingsSelectors.path);
  const readOnly = useAppStore(settingsSelectors.readOnly);
  const update = useAppStore((s) => s.updateSettings);
  const term = settings.terminal;
  const setTerminal = (patch: Partial<TerminalSettings>) => void update({ terminal: patch });
  const numberInput = (key: 'scrollback' | 'fontSize', min: number, max: number) => (
    <input
      type="number"
      min={min}
      max={max}
      defaultValue={term[key]}
      key={`${key}-${term[key]}`}
      onBlur={(e) => {
        const value = Number(e.target.value);
        if (Number.isFinite(value) && value >= min && value <= max && value !== term[key]) setTerminal({ [key]: value });
        else e.target.value = String(term[key]);
      }}
    />
  );

  return (
    <section className="settings-view" aria-label="Settings">
      <h1>Settings</h1>
      <p className="hint">
        Saved in <code>{path}</code>
        {readOnly ? ' — read-only this session (see the notice above).' : '.'}
      </p>
      <fieldset disabled={readOnly}>
        <legend>Appearance</legend>
        <Row label="Theme">
          <select value={settings.appearance.theme} onChange={(e) => void update({ appearance: { theme: e.target.value as 'system' | 'light' | 'dark' } })}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </Row>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Terminal</legend>
        <Row label="Scrollback lines" hint="Lines kept per terminal">{numberInput('scrollback', 0, 1_000_000)}</Row>
        <Row label="Font size">{numberInput('fontSize', 6, 48)}</Row>
        <Row label="Font family">
          <input type="text" defaultValue={term.fontFamily} key={term.fontFamily} onBlur={(e) => e.target.value.trim() && e.target.value !== term.fontFamily && setTerminal({ fontFamily: e.target.value })} />
        </Row>
        <Row label="Shell" hint="Empty: your login shell ($SHELL)">
          <input type="text" placeholder="$SHELL" defaultValue={term.shell} key={term.shell} onBlur={(e) => e.target.value !== term.shell && setTerminal({ shell: e.target.value.trim() })} />
        </Row>
        <Row label="Renderer" hint="WebGL falls back to DOM where the GPU is missing">
          <select value={term.renderer} onChange={(e) => setTerminal({ renderer: e.target.value as TerminalSettings['renderer'] })}>
            <option value="auto">Automatic</option>
            <option value="webgl">WebGL</option>
            <option value="dom">DOM</option>
          </select>
        </Row>
        <Row label="Blinking cursor">
          <input type="checkbox" checked={term.cursorBlink} onChange={(e) => setTerminal({ cursorBlink: e.target.checked })} />
        </Row>
        <Row label="Copy on select">
          <input type="checkbox" checked={term.copyOnSelect} onChange={(e) => setTerminal({ copyOnSelect: e.target.checked })} />
        </Row>
        <Row label="Ask before closing a running command">
          <input type="checkbox" checked={term.confirmCloseRunning} onChange={(e) => setTerminal({ confirmCloseRunning: e.target.checked })} />
        </Row>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>SSH</legend>
        <Row label="Extra ssh config files" hint="One path per line, read after ~/.ssh/config (e.g. the sandbox's)">
          <textarea
            rows={3}
            defaultValue={settings.ssh.configFiles.join('\n')}
            key={settings.ssh.configFiles.join('|')}
            onBlur={(e) => {
              const files = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean);
              if (files.join('|') !== settings.ssh.configFiles.join('|')) void update({ ssh: { configFiles: files } });
            }}
          />
        </Row>
        <Row label="Reconnect attempts" hint="After a connection drops, before giving up">
          <input
            type="number"
            min={0}
            max={100}
            defaultValue={settings.ssh.reconnectAttempts}
            key={`attempts-${settings.ssh.reconnectAttempts}`}
            onBlur={(e) => {
              const value = Number(e.target.value);
              if (Number.isInteger(value) && value >= 0 && value <= 100 && value !== settings.ssh.reconnectAttempts) void update({ ssh: { reconnectAttempts: value } });
              else e.target.value = String(settings.ssh.reconnectAttempts);
            }}
          />
        </Row>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Deployments</legend>
        <Row label="Recipe folders" hint="One folder per line (a repository's deploy/, say), read besides your own recipes folder and the examples">
          <textarea
            rows={3}
            aria-label="Recipe folders"
            defaultValue={settings.deploy.folders.join('\n')}
            key={settings.deploy.folders.join('|')}
            onBlur={(e) => {
              const folders = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean);
              if (folders.join('|') !== settings.deploy.folders.join('|')) void update({ deploy: { folders } });
            }}
          />
        </Row>
      </fieldset>
    </section>
  );
}
