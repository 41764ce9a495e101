// The Clusters capability's public face: the view, its store slice and its commands.
export { ClustersView } from './ClustersView';
export { CLUSTER_COMMANDS } from './commands';
export { createClustersSlice, type ClustersSlice } from './store/action';
export { clustersSelectors } from './store/selectors';
