import { formatChord } from '../app/keys';
import { useAppStore } from '../app/store';
import type { ViewId } from '../features/shell/store/initialState';
import { shellSelectors } from '../features/shell/store/selectors';
import { Icon } from './icons';

const ITEMS: Array<{ id: ViewId; label: string }> = [
  { id: 'terminals', label: 'Terminals' },
  { id: 'hosts', label: 'Hosts' },
  { id: 'clusters', label: 'Clusters' },
  { id: 'logs', label: 'Logs' },
  { id: 'deployments', label: 'Deployments' },
  { id: 'cloud', label: 'Cloud' },
];

export function ActivityBar() {
  const active = useAppStore(shellSelectors.activeView);
  const showView = useAppStore((s) => s.showView);
  const critical = useAppStore((s) => s.alerts.filter((a) => a.level === 'crit').length);
  return (
    <nav className="activity-bar" aria-label="Capabilities">
      {ITEMS.map((item, index) => (
        <button
          key={item.id}
          type="button"
          className={`activity-item${active === item.id ? ' active' : ''}`}
          aria-current={active === item.id ? 'page' : undefined}
          title={`${item.label} (${formatChord(`Mod+Shift+${index + 1}`)})`}
          onClick={() => showView(item.id)}
        >
          <Icon name={item.id} size={22} />
          <span className="activity-label">{item.label}</span>
          {item.id === 'hosts' && critical ? (
            <span className="activity-badge" aria-label={`${critical} host alerts`} title={`${critical} host alert${critical === 1 ? '' : 's'}: see Hosts › Health`}>
              {critical}
            </span>
          ) : null}
        </button>
      ))}
      <div className="activity-spacer" />
      <button
        type="button"
        className={`activity-item${active === 'settings' ? ' active' : ''}`}
        title={`Settings (${formatChord('Mod+,')})`}
        onClick={() => showView('settings')}
      >
        <Icon name="settings" size={22} />
        <span className="activity-label">Settings</span>
      </button>
    </nav>
  );
}
