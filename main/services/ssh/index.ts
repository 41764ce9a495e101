export { SshService, type SshServiceDeps } from './service';
export { SshPool } from './pool';
export type { SshTarget } from './target';
export type { HopOptions } from './connect';
export type { ConnectionLease } from './connection';
export { SshError, type SshFailure } from './errors';
