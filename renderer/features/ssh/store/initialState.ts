import type { Forward } from '../../../../shared/contract/forwards';
import type { ConnectionState, SshPrompt } from '../../../../shared/contract/ssh';

export interface SshState {
  /** Questions from main, oldest first; the first one is on screen. */
  prompts: SshPrompt[];
  /** Each pooled connection's latest state, by connection target. */
  connections: Record<string, ConnectionState>;
  /** Port forwards by id (stopped ones are dropped). */
  forwards: Record<string, Forward>;
  /** The host whose file panel is open. */
  filesHostId: string | undefined;
  /** The host whose forwards dialog is open. */
  forwardsHostId: string | undefined;
}

export const sshInitialState: SshState = { prompts: [], connections: {}, forwards: {}, filesHostId: undefined, forwardsHostId: undefined };
