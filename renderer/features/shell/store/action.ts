import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../../shared/contract/app';
import type { AppState } from '../../../app/store';
import { shellInitialState, type ShellState, type ViewId } from './initialState';

export interface ShellActions {
  showView(view: ViewId): void;
  setPaletteOpen(open: boolean): void;
  setAppInfo(info: AppInfo): void;
  setConnection(state: ShellState['connection']): void;
  dismissNotice(id: string): void;
  pushToast(message: string): void;
  dismissToast(id: number): void;
  setSystemDark(dark: boolean): void;
}

export type ShellSlice = ShellState & ShellActions;

let toastId = 0;

export const createShellSlice: StateCreator<AppState, [], [], ShellSlice> = (set) => ({
  ...shellInitialState,
  showView: (view) => set({ activeView: view }),
  setPaletteOpen: (open) => set({ paletteOpen: open }),
  setAppInfo: (info) => set((s) => ({ appInfo: info, notices: mergeNotices(s.notices, info.notices) })),
  setConnection: (connection) => set({ connection }),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  pushToast: (message) => {
    const id = ++toastId;
    set((s) => ({ toasts: [...s.toasts.slice(-4), { id, message }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), 8000);
  },
  dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
  setSystemDark: (systemDark) => set({ systemDark }),
});

function mergeNotices<T extends { id: string }>(current: T[], incoming: T[]): T[] {
  const ids = new Set(current.map((n) => n.id));
  return [...current, ...incoming.filter((n) => !ids.has(n.id))];
}
