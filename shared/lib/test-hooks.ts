// The shape of the renderer's read-only inspection hook (`window.__workbench`),
// shared by the renderer that installs it and the e2e specs and benchmarks that read it.
export interface PaneSnapshot {
  paneId: string;
  sessionId: string | undefined;
  status: string;
  cols: number;
  rows: number;
  renderer: 'webgl' | 'dom';
  /** Characters received from main. */
  received: number;
  /** Characters xterm has parsed (and acknowledged to main). */
  parsed: number;
}

export interface WorkbenchTestHooks {
  panes(): PaneSnapshot[];
  text(paneId: string): string;
  activePaneId(): string | undefined;
  /** The pane's xterm.js Terminal, for benchmarks that measure the view alone. */
  xterm(paneId: string): unknown;
}
