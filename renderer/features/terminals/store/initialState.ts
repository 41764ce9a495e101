import type { LayoutNode } from '../layout';
import type { PaneStatus } from '../controller';

export interface TerminalTab {
  id: string;
  layout: LayoutNode;
  activePaneId: string;
}

/** A pod's container, for exec and logs panes; no container is the pod's default one. */
export interface PodTarget {
  context: string;
  namespace: string;
  pod: string;
  container?: string;
}

/** What a pane runs: a local shell, a shell on an inventory host, a shell in a pod, or a pod's logs (read-only). */
export type PaneTarget = { kind: 'local' } | { kind: 'ssh'; hostId: string } | ({ kind: 'kube-exec' } & PodTarget) | ({ kind: 'kube-logs' } & PodTarget);

/** A remote pane's connection, as the last state event said. */
export interface PaneConnection {
  state: 'connecting' | 'connected' | 'lost' | 'reconnecting' | 'failed' | 'closed';
  attempt?: number;
  nextRetryInMs?: number;
  reason?: string;
  failure?: string;
  /** When the event arrived (to count down to the next retry). */
  at: number;
}

export interface PaneState {
  id: string;
  target: PaneTarget;
  status: PaneStatus;
  title: string;
  connection?: PaneConnection;
  /** Typed into the session once it is connected (a snippet run on several hosts). */
  initialInput?: string;
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
  /** Panes that receive what is typed into any of them. */
  broadcastPaneIds: string[];
}

export const terminalsInitialState: TerminalsState = {
  tabs: [],
  activeTabId: undefined,
  panes: {},
  searchPaneId: undefined,
  confirmClose: undefined,
  broadcastPaneIds: [],
};
