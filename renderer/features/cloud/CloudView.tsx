// The Cloud view: an AWS profile and its regions at the top; below, the
// instances (live), the schedules that stop them out of hours, and the
// history of what was done to them.
import { useEffect, useRef, useState } from 'react';
import type { AwsProfileList } from '../../../shared/contract/cloud';
import { useAppStore } from '../../app/store';
import { CloudIcon, Spinner } from './CloudIcons';
import { CloudDialogs } from './dialogs/CloudDialogs';
import { HistoryTab } from './HistoryTab';
import { isEditable } from './hooks';
import { InstancesTab } from './InstancesTab';
import { selectAll } from './model/selection';
import { ProfilePicker, ProfileQuickPick } from './ProfilePicker';
import { RegionSelect } from './RegionSelect';
import { SchedulesTab } from './SchedulesTab';
import { cloudSelectors } from './store/selectors';
import type { CloudTab } from './store/initialState';
import { visibleInstanceIds } from './visible';
import './cloud.css';

const TABS: Array<{ id: CloudTab; label: string }> = [
  { id: 'instances', label: 'Instances' },
  { id: 'schedules', label: 'Schedules' },
  { id: 'history', label: 'History' },
];

export function CloudView() {
  const profiles = useAppStore(cloudSelectors.profiles);
  const loadCloudProfiles = useAppStore((s) => s.loadCloudProfiles);
  const tab = useAppStore((s) => s.cloudTab);
  const searchRef = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    if (!useAppStore.getState().cloudProfiles) void loadCloudProfiles();
  }, [loadCloudProfiles]);

  useLiveInstances();

  // `/` searches, Ctrl/Cmd-A ticks every row shown, Escape closes the details (unless a dialog or a field has it).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey) return;
      const state = useAppStore.getState();
      if (state.activeView !== 'cloud' || state.paletteOpen || state.cloudDialog || state.cloudQuickPick || state.cloudTab !== 'instances') return;
      if (isEditable(event.target)) return;
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'a') {
        event.preventDefault();
        state.setCloudSelection(selectAll({ ids: state.cloudSelection, anchor: state.cloudAnchor }, visibleInstanceIds(state)));
        return;
      }
      if (event.ctrlKey || event.metaKey) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if (event.key === 'Escape' && state.cloudDetailsId) {
        event.preventDefault();
        state.openCloudDetails(undefined);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <section className="cloud-view" aria-label="Cloud">
      <CloudHeader />
      {profiles && profiles.profiles.length > 0 ? (
        <>
          <Problems list={profiles} />
          <nav className="view-tabs" role="tablist" aria-label="Cloud views">
            {TABS.map((t) => (
              <button key={t.id} type="button" role="tab" aria-selected={tab === t.id} data-testid={`cloud-tab-${t.id}`} onClick={() => useAppStore.getState().setCloudTab(t.id)}>
                {t.label}
              </button>
            ))}
          </nav>
          {tab === 'instances' ? <InstancesTab searchRef={searchRef} /> : tab === 'schedules' ? <SchedulesTab /> : <HistoryTab />}
        </>
      ) : (
        <ProfilesState list={profiles} />
      )}
      <CloudDialogs />
      <ProfileQuickPick />
    </section>
  );
}

/** Hold the instances stream for the profile and regions shown while the view is open. */
function useLiveInstances() {
  const profile = useAppStore(cloudSelectors.profile);
  const regions = useAppStore(cloudSelectors.regions);
  const key = regions.join(',');
  useEffect(() => {
    const { watchInstances, unwatchInstances } = useAppStore.getState();
    if (!profile) return;
    // Ticking several regions in a row subscribes once, after the last.
    const timer = setTimeout(watchInstances, key ? 200 : 0);
    return () => {
      clearTimeout(timer);
      unwatchInstances();
    };
  }, [profile, key]);
}

function CloudHeader() {
  const profiles = useAppStore(cloudSelectors.profiles);
  const loading = useAppStore((s) => s.cloudProfilesLoading);
  const loadCloudProfiles = useAppStore((s) => s.loadCloudProfiles);
  const has = !!profiles && profiles.profiles.length > 0;
  return (
    <header className="cloud-header">
      <h1>Cloud</h1>
      {has ? (
        <>
          <ProfilePicker />
          <RegionSelect />
        </>
      ) : null}
      <span className="toolbar-spacer" />
      <button type="button" className="icon-button" title="Read the AWS config files again" aria-label="Reload AWS profiles" data-testid="cloud-reload-profiles" onClick={() => void loadCloudProfiles()}>
        {loading ? <Spinner /> : <CloudIcon name="refresh" size={14} />}
      </button>
    </header>
  );
}

function Problems({ list }: { list: AwsProfileList }) {
  const [open, setOpen] = useState(false);
  if (list.problems.length === 0) return null;
  return (
    <div className="problems" data-testid="cloud-config-problems">
      <button type="button" className="problems-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {list.problems.length} problem{list.problems.length === 1 ? '' : 's'} in the AWS config {open ? '▾' : '▸'}
      </button>
      {open ? <ProblemList list={list} /> : null}
    </div>
  );
}

function ProblemList({ list }: { list: AwsProfileList }) {
  return (
    <ul className="problem-list">
      {list.problems.map((p, i) => (
        <li key={i} className={`problem-${p.severity}`}>
          <code>
            {p.file}:{p.line}
          </code>{' '}
          {p.message}
        </li>
      ))}
    </ul>
  );
}

/** Before there is a profile to show: loading, an error, or no AWS config at all. */
function ProfilesState({ list }: { list: AwsProfileList | undefined }) {
  const error = useAppStore((s) => s.cloudProfilesError);
  const loadCloudProfiles = useAppStore((s) => s.loadCloudProfiles);
  if (!list) {
    if (error) {
      return (
        <div className="cloud-center">
          <div className="cloud-panel cloud-panel-error" role="alert">
            <h2>Could not read the AWS config</h2>
            <pre className="cloud-pre">{error}</pre>
            <button type="button" className="primary" onClick={() => void loadCloudProfiles()}>Try again</button>
          </div>
        </div>
      );
    }
    return (
      <div className="cloud-center" data-testid="cloud-profiles-loading">
        <Spinner label="Reading the AWS config" /> Reading the AWS config…
      </div>
    );
  }
  return (
    <div className="cloud-center">
      <div className="cloud-panel" data-testid="cloud-empty-config">
        <h2>No AWS profiles</h2>
        {list.problems.length ? <p>The AWS config has problems and no usable profile:</p> : <p>No AWS config file defines a profile.</p>}
        {list.problems.length ? <ProblemList list={list} /> : null}
        {list.files.length ? (
          <>
            <p>Read:</p>
            <ul className="cloud-files">
              {list.files.map((f) => (
                <li key={f}>
                  <code>{f}</code>
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>
            Looked for <code>~/.aws/config</code> and <code>~/.aws/credentials</code> (or the files the environment variables <code>AWS_CONFIG_FILE</code> and <code>AWS_SHARED_CREDENTIALS_FILE</code> name, when set): neither exists.
          </p>
        )}
        <p>
          To try the workbench without an AWS account, run <code>npm run sandbox</code>: it starts a test EC2 endpoint and writes its config to <code>sandbox/aws/config</code> and <code>sandbox/aws/credentials</code>. Start the workbench with <code>AWS_CONFIG_FILE=$PWD/sandbox/aws/config AWS_SHARED_CREDENTIALS_FILE=$PWD/sandbox/aws/credentials</code> set, then read the config again here.
        </p>
        <button type="button" onClick={() => void loadCloudProfiles()}>Read the AWS config again</button>
      </div>
    </div>
  );
}
