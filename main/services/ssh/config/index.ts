export { loadSshConfig, type LoadSshConfigOptions, type ResolvedSshOptions, type SshConfigHost, type SshConfigResult } from './ssh-config';
export type { ForwardEndpoint, JumpHost, PortForward, StrictHostKeyChecking } from './option-values';
export { configError, configWarning, type ConfigProblem, type ProblemSeverity } from './problems';
