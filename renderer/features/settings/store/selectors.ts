import type { AppState } from '../../../app/store';

export const settingsSelectors = {
  settings: (s: AppState) => s.settings,
  terminal: (s: AppState) => s.settings.terminal,
  path: (s: AppState) => s.settingsPath,
  readOnly: (s: AppState) => s.settingsReadOnly,
};
