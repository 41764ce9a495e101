// The app's one zustand store, cut into one slice per feature. Components read
// through the slices' selectors; high-rate data (terminal bytes) never enters it.
import { create } from 'zustand';
import { createSettingsSlice, type SettingsSlice } from '../features/settings/store/action';
import { createShellSlice, type ShellSlice } from '../features/shell/store/action';
import { createTerminalsSlice, type TerminalsSlice } from '../features/terminals/store/action';

export type AppState = ShellSlice & SettingsSlice & TerminalsSlice;

export const useAppStore = create<AppState>()((...args) => ({
  ...createShellSlice(...args),
  ...createSettingsSlice(...args),
  ...createTerminalsSlice(...args),
}));
