import type { AppInfo } from '../../../../shared/contract/app';
import type { Notice } from '../../../../shared/contract/notices';

export const VIEW_IDS = ['terminals', 'hosts', 'clusters', 'logs', 'deployments', 'cloud', 'settings'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export interface Toast {
  id: number;
  message: string;
}

export interface ShellState {
  activeView: ViewId;
  paletteOpen: boolean;
  appInfo: AppInfo | undefined;
  connection: 'connected' | 'lost';
  /** Start-up problems (a settings file set aside) until dismissed. */
  notices: Notice[];
  toasts: Toast[];
  /** What the OS prefers, for the 'system' theme. */
  systemDark: boolean;
}

export const shellInitialState: ShellState = {
  activeView: 'terminals',
  paletteOpen: false,
  appInfo: undefined,
  connection: 'connected',
  notices: [],
  toasts: [],
  systemDark: typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches,
};
