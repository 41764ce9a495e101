import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { SettingsPatch } from '../../../../shared/contract/settings';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { settingsInitialState, type SettingsSliceState } from './initialState';

export interface SettingsActions {
  loadSettings(): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<void>;
}

export type SettingsSlice = SettingsSliceState & SettingsActions;

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  ...settingsInitialState,
  async loadSettings() {
    const state = await api().settings.get({});
    set((s) => ({
      settings: state.settings,
      settingsPath: state.path,
      settingsReadOnly: state.readOnly,
      notices: [...s.notices, ...state.notices.filter((n) => !s.notices.some((m) => m.id === n.id))],
    }));
  },
  async updateSettings(patch) {
    try {
      const settings = await api().settings.update(patch);
      set({ settings });
    } catch (error) {
      get().pushToast(`Settings not saved: ${describeError(WorkbenchError.from(error).toData())}`);
    }
  },
});
