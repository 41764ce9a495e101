import type { AppState } from '../../../app/store';
import type { PaneState, TerminalTab } from './initialState';

export const terminalsSelectors = {
  tabs: (s: AppState): TerminalTab[] => s.tabs,
  activeTab: (s: AppState): TerminalTab | undefined => s.tabs.find((t) => t.id === s.activeTabId),
  activePaneId: (s: AppState): string | undefined => s.tabs.find((t) => t.id === s.activeTabId)?.activePaneId,
  pane: (paneId: string) => (s: AppState): PaneState | undefined => s.panes[paneId],
  searchPaneId: (s: AppState) => s.searchPaneId,
  confirmClose: (s: AppState) => s.confirmClose,
  isBroadcasting: (paneId: string) => (s: AppState) => s.broadcastPaneIds.length > 1 && s.broadcastPaneIds.includes(paneId),
};
