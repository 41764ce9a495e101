// The Cloud commands of the palette. They act on what the Cloud view shows:
// its profile, and the instances ticked in its table.
import type { Command } from '../../app/commands';
import { cloudSelectors } from './store/selectors';

export const CLOUD_COMMANDS: Command[] = [
  {
    id: 'cloud.switchProfile',
    title: 'Switch profile…',
    category: 'Cloud',
    run: (s) => {
      s.showView('cloud');
      if (!s.cloudProfiles) void s.loadCloudProfiles();
      s.setCloudQuickPick(true);
    },
  },
  { id: 'cloud.start', title: 'Start selected', category: 'Cloud', enabled: cloudSelectors.canAct('start'), run: (s) => s.requestCloudAction('start') },
  { id: 'cloud.stop', title: 'Stop selected', category: 'Cloud', enabled: cloudSelectors.canAct('stop'), run: (s) => s.requestCloudAction('stop') },
  { id: 'cloud.reboot', title: 'Reboot selected…', category: 'Cloud', enabled: cloudSelectors.canAct('reboot'), run: (s) => s.requestCloudAction('reboot') },
  {
    id: 'cloud.refresh',
    title: 'Refresh',
    category: 'Cloud',
    run: (s) => {
      // Showing the view subscribes; a view already shown subscribes again.
      if (s.activeView === 'cloud') s.watchInstances();
      else s.showView('cloud');
    },
  },
  { id: 'cloud.newSchedule', title: 'New schedule', category: 'Cloud', run: (s) => s.editCloudSchedule('new') },
];
