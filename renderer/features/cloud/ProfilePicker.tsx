// The AWS profile the view acts as: a select in the header (with how it gets
// credentials, its region and endpoint) and a quick pick for the palette's
// "Cloud: Switch profile…".
import { Command as Cmdk } from 'cmdk';
import type { AwsProfile } from '../../../shared/contract/cloud';
import { useAppStore } from '../../app/store';
import { cloudSelectors } from './store/selectors';

const KIND_LABELS: Record<AwsProfile['kind'], string> = {
  static: 'access keys',
  role: 'assumes a role',
  process: 'credential process',
  sso: 'SSO',
  'web-identity': 'web identity',
  none: 'no credentials',
};

const describeProfile = (p: AwsProfile) =>
  [
    `${p.name}: ${KIND_LABELS[p.kind]}`,
    p.roleArn ? `role ${p.roleArn}${p.sourceProfile ? ` via ${p.sourceProfile}` : ''}` : '',
    p.region ? `region ${p.region}` : '',
    p.endpointUrl ? `endpoint ${p.endpointUrl}` : '',
    p.files.length ? `from ${p.files.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('\n');

export function ProfilePicker() {
  const list = useAppStore(cloudSelectors.profiles);
  const active = useAppStore(cloudSelectors.profileInfo);
  const name = useAppStore(cloudSelectors.profile);
  const selectCloudProfile = useAppStore((s) => s.selectCloudProfile);
  return (
    <div className="cloud-profile">
      <label className="toolbar-field">
        Profile
        <select data-testid="cloud-profile-select" value={name ?? ''} onChange={(e) => selectCloudProfile(e.target.value)} title={active ? describeProfile(active) : undefined}>
          {(list?.profiles ?? []).map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} ({[KIND_LABELS[p.kind], p.region].filter(Boolean).join(', ')})
            </option>
          ))}
        </select>
      </label>
      {active ? (
        <span className="cloud-profile-meta" data-testid="cloud-profile-meta">
          <span className={`chip cloud-kind kind-${active.kind}`} title={describeProfile(active)}>
            {KIND_LABELS[active.kind]}
          </span>
          {active.endpointUrl ? (
            <span className="chip cloud-endpoint" title={`EC2 calls go to ${active.endpointUrl}, not AWS`}>
              endpoint {active.endpointUrl}
            </span>
          ) : null}
        </span>
      ) : null}
    </div>
  );
}

export function ProfileQuickPick() {
  const open = useAppStore((s) => s.cloudQuickPick);
  const list = useAppStore(cloudSelectors.profiles);
  const active = useAppStore(cloudSelectors.profile);
  const { setCloudQuickPick, selectCloudProfile } = useAppStore.getState();
  if (!open) return null;
  const close = () => setCloudQuickPick(false);
  return (
    <div className="overlay" onMouseDown={close}>
      <Cmdk
        label="Switch AWS profile"
        className="palette"
        data-testid="cloud-quickpick"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
        loop
      >
        <Cmdk.Input autoFocus placeholder="AWS profile…" className="palette-input" />
        <Cmdk.List className="palette-list">
          <Cmdk.Empty className="palette-empty">{list ? (list.profiles.length ? 'No profile matches.' : 'No AWS profile is configured.') : 'Reading the AWS config…'}</Cmdk.Empty>
          {(list?.profiles ?? []).map((p) => (
            <Cmdk.Item
              key={p.name}
              value={`${p.name} ${p.region ?? ''} ${p.kind}`}
              className="palette-item"
              data-testid={`cloud-profile-${p.name}`}
              onSelect={() => {
                selectCloudProfile(p.name);
                close();
              }}
            >
              {p.name}
              {p.name === active ? <span className="chip">shown</span> : null}
              <span className="palette-category">{KIND_LABELS[p.kind]}</span>
              <span className="palette-keys">{[p.region, p.endpointUrl].filter(Boolean).join(' · ') || 'no region'}</span>
            </Cmdk.Item>
          ))}
        </Cmdk.List>
      </Cmdk>
    </div>
  );
}
