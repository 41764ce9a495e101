import { useState } from 'react';
import type { FleetSettings } from '../../../shared/contract/fleet';
import { useAppStore } from '../../app/store';

const METRICS: Array<{ key: keyof FleetSettings['thresholds']; label: string; unit: string }> = [
  { key: 'load', label: 'Load per core', unit: '' },
  { key: 'cpu', label: 'CPU', unit: '%' },
  { key: 'mem', label: 'Memory', unit: '%' },
  { key: 'disk', label: 'Fullest disk', unit: '%' },
];

/** Where the colours change: warn and critical per metric. */
export function ThresholdsDialog({ onClose }: { onClose(): void }) {
  const current = useAppStore((s) => s.settings.fleet.thresholds);
  const update = useAppStore((s) => s.updateSettings);
  const [draft, setDraft] = useState(current);
  const [error, setError] = useState<string>();
  const set = (key: keyof FleetSettings['thresholds'], which: 'warn' | 'crit', value: string) => setDraft({ ...draft, [key]: { ...draft[key], [which]: Number(value) } });
  return (
    <div className="overlay" onMouseDown={onClose}>
      <form
        className="dialog"
        role="dialog"
        aria-label="Thresholds"
        onMouseDown={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          const bad = METRICS.find((m) => !(draft[m.key].warn < draft[m.key].crit));
          if (bad) return setError(`${bad.label}: warn must be below critical.`);
          void update({ fleet: { thresholds: draft } }).then(onClose);
        }}
      >
        <h2>Thresholds</h2>
        <table className="thresholds">
          <thead>
            <tr><th /><th>warn at</th><th>critical at</th></tr>
          </thead>
          <tbody>
            {METRICS.map((m) => (
              <tr key={m.key}>
                <td>{m.label}</td>
                <td><input aria-label={`${m.label} warn`} type="number" step="any" value={draft[m.key].warn} onChange={(e) => set(m.key, 'warn', e.target.value)} />{m.unit}</td>
                <td><input aria-label={`${m.label} critical`} type="number" step="any" value={draft[m.key].crit} onChange={(e) => set(m.key, 'crit', e.target.value)} />{m.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {error ? <p className="error-text">{error}</p> : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Save</button>
        </div>
      </form>
    </div>
  );
}
