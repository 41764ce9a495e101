import type { AppState } from '../../../app/store';

export const shellSelectors = {
  activeView: (s: AppState) => s.activeView,
  paletteOpen: (s: AppState) => s.paletteOpen,
  appInfo: (s: AppState) => s.appInfo,
  connection: (s: AppState) => s.connection,
  notices: (s: AppState) => s.notices,
  toasts: (s: AppState) => s.toasts,
  /** The theme in force: the setting, or the OS preference when it says 'system'. */
  effectiveTheme: (s: AppState): 'light' | 'dark' => {
    const preference = s.settings.appearance.theme;
    if (preference === 'system') return s.systemDark ? 'dark' : 'light';
    return preference;
  },
};
