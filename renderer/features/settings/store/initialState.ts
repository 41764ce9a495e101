import { defaultSettings, type Settings } from '../../../../shared/contract/settings';

export interface SettingsSliceState {
  settings: Settings;
  settingsPath: string;
  settingsReadOnly: boolean;
}

export const settingsInitialState: SettingsSliceState = {
  settings: defaultSettings(),
  settingsPath: '',
  settingsReadOnly: false,
};
