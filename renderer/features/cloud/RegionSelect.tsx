// Which regions to look at: a multi-select of the common regions plus any
// typed. The header's picker remembers its choice per profile; "Default" goes
// back to the profile's region (else the settings' regions). Schedules use
// the same picker for their own regions.
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../app/store';
import { defaultRegions, isRegion, regionOptions } from './model/regions';
import { cloudSelectors } from './store/selectors';

export function RegionSelect() {
  const regions = useAppStore(cloudSelectors.regions);
  const profile = useAppStore(cloudSelectors.profileInfo);
  const settingsRegions = useAppStore((s) => s.settings.cloud.regions);
  const setCloudRegions = useAppStore((s) => s.setCloudRegions);
  return <RegionPicker regions={regions} onChange={setCloudRegions} defaults={defaultRegions(profile, settingsRegions)} profileRegion={profile?.region} testId="cloud-region-select" optionTestId="cloud-region-option" />;
}

export interface RegionPickerProps {
  regions: readonly string[];
  onChange(regions: string[]): void;
  /** What "Default" picks. */
  defaults: readonly string[];
  profileRegion: string | undefined;
  testId: string;
  /** Each option's test id is this, a dash and the region. */
  optionTestId: string;
  invalid?: boolean;
}

export function RegionPicker({ regions, onChange, defaults, profileRegion, testId, optionTestId, invalid }: RegionPickerProps) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const [typed, setTyped] = useState<string[]>([]);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    window.addEventListener('mousedown', close);
    return () => window.removeEventListener('mousedown', close);
  }, [open]);

  const wanted = filter.trim().toLowerCase();
  const options = regionOptions(regions, typed).filter((r) => !wanted || r.includes(wanted));
  const canAdd = isRegion(wanted) && !options.includes(wanted);
  const toggle = (region: string) => onChange(regions.includes(region) ? regions.filter((r) => r !== region) : [...regions, region]);
  const add = () => {
    if (!isRegion(wanted)) return;
    setTyped((t) => [...new Set([...t, wanted])]);
    if (!regions.includes(wanted)) onChange([...regions, wanted]);
    setFilter('');
  };
  const label = regions.length === 0 ? 'none' : regions.length <= 2 ? regions.join(', ') : `${regions.length} regions`;

  return (
    <div className="cloud-region-select" ref={rootRef}>
      <button type="button" className="cloud-select-button" data-testid={testId} aria-haspopup="listbox" aria-expanded={open} aria-invalid={invalid || undefined} onClick={() => setOpen(!open)} title={regions.join(', ') || 'No region chosen'}>
        <span className="hint">Regions</span> {label} <span className="cloud-caret">▾</span>
      </button>
      {open ? (
        <div
          className="cloud-popover"
          role="listbox"
          aria-multiselectable="true"
          aria-label="Regions"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
        >
          <input
            type="text"
            autoFocus
            placeholder="Filter, or type a region and Enter…"
            aria-label="Filter or add a region"
            data-testid={`${testId}-filter`}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                if (canAdd) add();
                else if (options.length === 1) toggle(options[0]!);
              }
            }}
          />
          {canAdd ? (
            <button type="button" className="link-button cloud-region-add" onClick={add}>
              Add {wanted}
            </button>
          ) : null}
          <div className="cloud-options">
            {options.map((region) => (
              <label key={region} className="cloud-option" data-testid={`${optionTestId}-${region}`}>
                <input type="checkbox" checked={regions.includes(region)} onChange={() => toggle(region)} /> {region}
                {region === profileRegion ? <span className="chip">profile's region</span> : null}
              </label>
            ))}
            {options.length === 0 && !canAdd ? <p className="hint cloud-none">No region matches. A region reads like eu-west-1.</p> : null}
          </div>
          <div className="cloud-popover-footer">
            <button type="button" className="link-button" onClick={() => onChange([...defaults])} title={`Default: ${defaults.join(', ')}`}>
              Default ({defaults.join(', ')})
            </button>
            <span className="hint">{regions.length} chosen</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}
