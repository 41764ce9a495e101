export { SettingsStore } from './settings';
export { defaultDataDir, APP_DIR_NAME } from './paths';
export { writeFileAtomic, asideName, jsonErrorLocation } from './json-file';
