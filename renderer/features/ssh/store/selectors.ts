import type { AppState } from '../../../app/store';
import type { ConnectionState } from '../../../../shared/contract/ssh';

export const sshSelectors = {
  currentPrompt: (s: AppState) => s.prompts[0],
  /** The most telling state of a host's connections (connected beats closed; trouble beats both). */
  hostState: (hostId: string) => (s: AppState): ConnectionState | undefined => {
    const rank = { failed: 5, lost: 4, reconnecting: 4, connecting: 3, connected: 2, closed: 1 } as const;
    let best: ConnectionState | undefined;
    for (const state of Object.values(s.connections)) {
      if (state.hostId !== hostId) continue;
      if (!best || rank[state.state] > rank[best.state]) best = state;
    }
    return best;
  },
};
