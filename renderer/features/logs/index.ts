// The Logs capability's public face: the view, its store slice and its commands.
export { LogsView } from './LogsView';
export { LogPane } from './LogPane';
export type { LogTab } from './store/initialState';
export { LOG_COMMANDS } from './commands';
export { createLogsSlice, type LogsSlice } from './store/action';
export { logsSelectors } from './store/selectors';
export { selectorFromMatchLabels } from './model/sources';
