// The Clusters commands of the palette. They act on what the Clusters view
// shows: its context, and the pod selected (or open in the details).
import type { Command } from '../../app/commands';
import type { AppState } from '../../app/store';
import { clustersSelectors } from './store/selectors';

const connected = (s: AppState) => !!s.activeContext && s.kubeConnections[s.activeContext]?.state === 'connected';
const pod = (s: AppState) => clustersSelectors.selectedPod(s);

export const CLUSTER_COMMANDS: Command[] = [
  {
    id: 'clusters.switchContext',
    title: 'Switch context…',
    category: 'Clusters',
    run: (s) => {
      s.showView('clusters');
      s.setClusterQuickPick('context');
    },
  },
  {
    id: 'clusters.goToKind',
    title: 'Go to kind… (pods, deployments, services…)',
    category: 'Clusters',
    enabled: connected,
    run: (s) => {
      s.showView('clusters');
      s.setClusterQuickPick('kind');
    },
  },
  { id: 'clusters.exec', title: 'Exec into pod', category: 'Clusters', enabled: (s) => !!pod(s), run: (s) => s.execIntoPod(pod(s)!) },
  { id: 'clusters.logs', title: 'Pod logs', category: 'Clusters', enabled: (s) => !!pod(s), run: (s) => s.podLogs(pod(s)!) },
  { id: 'clusters.portForward', title: 'Port-forward…', category: 'Clusters', enabled: (s) => !!pod(s), run: (s) => s.setClusterDialog({ type: 'port-forward', target: pod(s)! }) },
  {
    id: 'clusters.forwards',
    title: 'Show pod port-forwards',
    category: 'Clusters',
    run: (s) => {
      s.showView('clusters');
      s.setKubeForwardsOpen(true);
    },
  },
  { id: 'clusters.refreshContexts', title: 'Refresh contexts', category: 'Clusters', run: (s) => s.loadKubeContexts() },
];
