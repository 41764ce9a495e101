// The Cloud capability's public face: the view, its store slice and its commands.
export { CloudView } from './CloudView';
export { CLOUD_COMMANDS } from './commands';
export { createCloudSlice, type CloudSlice } from './store/action';
export { cloudSelectors } from './store/selectors';
