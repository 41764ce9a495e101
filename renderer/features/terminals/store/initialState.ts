import type { LayoutNode } from '../layout';
import type { PaneStatus } from '../controller';

export interface TerminalTab {
  id: string;
  layout: LayoutNode;
  activePaneId: string;
}

export interface PaneState {
  id: string;
  status: PaneStatus;
  title: string;
  sessionId?: string;
  exitCode?: number;
  error?: string;
  cols?: number;
  rows?: number;
  renderer?: 'webgl' | 'dom';
}

export interface TerminalsState {
  tabs: TerminalTab[];
  activeTabId: string | undefined;
  panes: Record<string, PaneState>;
  /** The pane whose find bar is open. */
  searchPaneId: string | undefined;
  /** A pane waiting for the user to confirm closing a running command. */
  confirmClose: { paneId: string; process: string } | undefined;
}

export const terminalsInitialState: TerminalsState = {
  tabs: [],
  activeTabId: undefined,
  panes: {},
  searchPaneId: undefined,
  confirmClose: undefined,
};
