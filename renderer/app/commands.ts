// Every action the user can take, with its shortcut: the command palette lists
// them all and the keyboard dispatcher runs them.
import { CLOUD_COMMANDS } from '../features/cloud';
import { CLUSTER_COMMANDS } from '../features/clusters';
import { DEPLOY_COMMANDS } from '../features/deploy';
import { LOG_COMMANDS } from '../features/logs';
import { controllers } from '../features/terminals/controllers';
import { VIEW_IDS, type ViewId } from '../features/shell/store/initialState';
import { chordOf } from './keys';
import { useAppStore, type AppState } from './store';

export interface Command {
  id: string;
  title: string;
  category: 'Terminal' | 'View' | 'Appearance' | 'Workbench' | 'Connect' | 'Clusters' | 'Cloud' | 'Logs' | 'Deploy';
  /** Chords that run it; the first is the one shown. */
  keys?: string[];
  /** When false, the command is hidden from the palette and its keys do nothing. */
  enabled?: (state: AppState) => boolean;
  run: (state: AppState) => void | Promise<void>;
}

const VIEW_TITLES: Record<ViewId, string> = {
  terminals: 'Terminals', hosts: 'Hosts', clusters: 'Clusters', logs: 'Logs', deployments: 'Deployments', cloud: 'Cloud', settings: 'Settings',
};

const activePane = (s: AppState) => s.tabs.find((t) => t.id === s.activeTabId)?.activePaneId;
const hasPane = (s: AppState) => activePane(s) !== undefined && s.activeView === 'terminals';

export const COMMANDS: Command[] = [
  { id: 'workbench.palette', title: 'Show all commands', category: 'Workbench', keys: ['Mod+Shift+P', 'F1'], run: (s) => s.setPaletteOpen(!s.paletteOpen) },
  // Browsers keep Ctrl+Shift+T/W for themselves in a normal tab: the Alt+Shift variants work everywhere.
  { id: 'terminal.new', title: 'New terminal tab', category: 'Terminal', keys: ['Mod+Shift+T', 'Alt+Shift+T'], run: (s) => void s.newTab() },
  { id: 'terminal.splitRight', title: 'Split terminal right', category: 'Terminal', keys: ['Mod+Shift+D', 'Alt+Shift+D'], run: (s) => s.splitActive('horizontal') },
  { id: 'terminal.splitDown', title: 'Split terminal down', category: 'Terminal', keys: ['Mod+Shift+E', 'Alt+Shift+E'], run: (s) => s.splitActive('vertical') },
  { id: 'terminal.close', title: 'Close terminal pane', category: 'Terminal', keys: ['Mod+Shift+W', 'Alt+Shift+W'], enabled: hasPane, run: (s) => s.closePane(activePane(s)!) },
  { id: 'terminal.focusLeft', title: 'Focus pane on the left', category: 'Terminal', keys: ['Alt+Left'], enabled: hasPane, run: (s) => s.focusDirection('left') },
  { id: 'terminal.focusRight', title: 'Focus pane on the right', category: 'Terminal', keys: ['Alt+Right'], enabled: hasPane, run: (s) => s.focusDirection('right') },
  { id: 'terminal.focusUp', title: 'Focus pane above', category: 'Terminal', keys: ['Alt+Up'], enabled: hasPane, run: (s) => s.focusDirection('up') },
  { id: 'terminal.focusDown', title: 'Focus pane below', category: 'Terminal', keys: ['Alt+Down'], enabled: hasPane, run: (s) => s.focusDirection('down') },
  { id: 'terminal.nextTab', title: 'Next terminal tab', category: 'Terminal', keys: ['Mod+PageDown', 'Alt+Shift+Right'], enabled: (s) => s.tabs.length > 1, run: (s) => s.cycleTab(1) },
  { id: 'terminal.previousTab', title: 'Previous terminal tab', category: 'Terminal', keys: ['Mod+PageUp', 'Alt+Shift+Left'], enabled: (s) => s.tabs.length > 1, run: (s) => s.cycleTab(-1) },
  { id: 'terminal.find', title: 'Find in terminal', category: 'Terminal', keys: ['Mod+Shift+F'], enabled: hasPane, run: (s) => s.openSearch() },
  { id: 'terminal.reconnect', title: 'Reconnect now', category: 'Terminal', keys: ['Mod+Shift+R', 'Alt+Shift+R'], enabled: (s) => hasPane(s) && s.panes[activePane(s)!]?.target.kind === 'ssh', run: (s) => s.reconnectPane(activePane(s)!) },
  { id: 'terminal.broadcastPane', title: 'Broadcast input: add or remove this pane', category: 'Terminal', keys: ['Mod+Shift+B', 'Alt+Shift+B'], enabled: hasPane, run: (s) => s.toggleBroadcast(activePane(s)!) },
  { id: 'terminal.broadcastTab', title: 'Broadcast input to every pane in this tab', category: 'Terminal', enabled: hasPane, run: (s) => s.broadcastActiveTab() },
  { id: 'terminal.broadcastStop', title: 'Stop broadcasting input', category: 'Terminal', enabled: (s) => s.broadcastPaneIds.length > 0, run: (s) => s.stopBroadcast() },
  { id: 'terminal.files', title: 'Files (SFTP) on this terminal\'s host', category: 'Terminal', keys: ['Mod+Shift+O', 'Alt+Shift+O'], enabled: (s) => hasPane(s) && s.panes[activePane(s)!]?.target.kind === 'ssh', run: (s) => { const t = s.panes[activePane(s)!]!.target; if (t.kind === 'ssh') s.openFiles(t.hostId); } },
  { id: 'terminal.forwards', title: 'Port forwards through this terminal\'s host', category: 'Terminal', enabled: (s) => hasPane(s) && s.panes[activePane(s)!]?.target.kind === 'ssh', run: (s) => { const t = s.panes[activePane(s)!]!.target; if (t.kind === 'ssh') s.openForwards(t.hostId); } },
  { id: 'snippets.open', title: 'Run a snippet…', category: 'Workbench', keys: ['Mod+Shift+S', 'Alt+Shift+S'], run: (s) => s.openSnippets(true) },
  { id: 'terminal.copy', title: 'Copy selection', category: 'Terminal', keys: ['Mod+Shift+C'], enabled: hasPane, run: (s) => controllers.get(activePane(s)!)?.copySelection() },
  { id: 'terminal.paste', title: 'Paste', category: 'Terminal', keys: ['Mod+Shift+V'], enabled: hasPane, run: (s) => controllers.get(activePane(s)!)?.pasteClipboard() },
  ...VIEW_IDS.filter((v) => v !== 'settings').map((view, index): Command => ({
    id: `view.${view}`, title: `Show ${VIEW_TITLES[view]}`, category: 'View', keys: [`Mod+Shift+${index + 1}`], run: (s) => s.showView(view),
  })),
  { id: 'view.health', title: 'Show fleet health', category: 'View', keys: ['Mod+Shift+H'], run: (s) => s.setHostsTab('health') },
  { id: 'view.runs', title: 'Run a command on many hosts', category: 'View', keys: ['Mod+Shift+U'], run: (s) => s.setHostsTab('runs') },
  { id: 'view.settings', title: 'Open settings', category: 'View', keys: ['Mod+,'], run: (s) => s.showView('settings') },
  ...CLUSTER_COMMANDS,
  ...CLOUD_COMMANDS,
  ...LOG_COMMANDS,
  ...DEPLOY_COMMANDS,
  { id: 'appearance.dark', title: 'Theme: dark', category: 'Appearance', run: (s) => s.updateSettings({ appearance: { theme: 'dark' } }) },
  { id: 'appearance.light', title: 'Theme: light', category: 'Appearance', run: (s) => s.updateSettings({ appearance: { theme: 'light' } }) },
  { id: 'appearance.system', title: 'Theme: follow the system', category: 'Appearance', run: (s) => s.updateSettings({ appearance: { theme: 'system' } }) },
];

/** One "Connect: host" command per known host, so any host is a few keystrokes away. */
export function hostCommands(state: AppState): Command[] {
  return (state.hostList?.hosts ?? []).map((host) => ({
    id: `host.connect.${host.id}`,
    title: `${host.id}  ${host.user}@${host.hostname}${host.port === 22 ? '' : `:${host.port}`}`,
    category: 'Connect' as const,
    run: (s: AppState) => void s.newTab({ kind: 'ssh', hostId: host.id }),
  }));
}

export function runCommand(command: Command): void {
  const state = useAppStore.getState();
  if (command.enabled && !command.enabled(state)) return;
  void Promise.resolve(command.run(state)).catch((error: unknown) => state.pushToast(`${command.title} failed: ${String(error)}`));
}

/** Capture-phase keyboard dispatcher: app shortcuts win over the focused terminal. */
export function installKeybindings(target: Window = window): () => void {
  const byChord = new Map<string, Command>();
  for (const command of COMMANDS) for (const chord of command.keys ?? []) byChord.set(chord, command);
  const onKeyDown = (event: KeyboardEvent) => {
    const chord = chordOf(event);
    const command = chord ? byChord.get(chord) : undefined;
    if (!command) return;
    const state = useAppStore.getState();
    if (command.enabled && !command.enabled(state)) return;
    event.preventDefault();
    event.stopPropagation();
    runCommand(command);
  };
  target.addEventListener('keydown', onKeyDown, true);
  return () => target.removeEventListener('keydown', onKeyDown, true);
}
