// The Deployments capability's public face: the view, its store slice, its
// commands, and the target ids entry points ("Deploy…" on a host or workload) need.
export { DeploymentsView } from './DeploymentsView';
export { DEPLOY_COMMANDS } from './commands';
export { createDeploySlice, type DeploySlice } from './store/action';
export { deploySelectors } from './store/selectors';
export { workloadTargetId } from './model/targets';
