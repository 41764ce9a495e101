import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { Forward } from '../../../../shared/contract/forwards';
import type { ConnectionState, PromptAnswer, SshPrompt } from '../../../../shared/contract/ssh';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { sshInitialState, type SshState } from './initialState';

export interface SshActions {
  /** Start listening for questions and connection states (once, at start-up). */
  listenSsh(): void;
  answerPrompt(id: string, answer: Partial<PromptAnswer>): Promise<void>;
  startForward(spec: ForwardSpecInput): Promise<Forward | undefined>;
  stopForward(id: string): Promise<void>;
  openFiles(hostId: string | undefined): void;
  openForwards(hostId: string | undefined): void;
}

type ForwardSpecInput = Parameters<ReturnType<typeof api>['forwards']['start']>[0];

export type SshSlice = SshState & SshActions;

export const createSshSlice: StateCreator<AppState, [], [], SshSlice> = (set, get) => ({
  ...sshInitialState,

  listenSsh() {
    api().ssh.prompts({}, {
      onEvent: (prompt: SshPrompt) => set((s) => ({ prompts: [...s.prompts, prompt] })),
    });
    api().ssh.states({}, {
      onEvent: (state: ConnectionState) => set((s) => ({ connections: { ...s.connections, [state.target]: state } })),
    });
    const keep = (forward: Forward) =>
      set((s) => {
        const forwards = { ...s.forwards };
        if (forward.state === 'stopped') delete forwards[forward.id];
        else forwards[forward.id] = forward;
        return { forwards };
      });
    api().forwards.changes({}, { onEvent: keep });
    void api().forwards.list({}).then(({ forwards }) => forwards.forEach(keep));
  },

  async startForward(spec) {
    try {
      const forward = await api().forwards.start(spec);
      if (forward.state === 'failed') get().pushToast(`Forward not started: ${forward.error}`);
      return forward;
    } catch (error) {
      get().pushToast(`Forward not started: ${describeError(WorkbenchError.from(error).toData())}`);
      return undefined;
    }
  },

  async stopForward(id) {
    await api().forwards.stop({ id }).catch(() => {});
    set((s) => {
      const forwards = { ...s.forwards };
      delete forwards[id];
      return { forwards };
    });
  },

  openFiles: (filesHostId) => set({ filesHostId }),
  openForwards: (forwardsHostId) => set({ forwardsHostId }),

  async answerPrompt(id, answer) {
    // Take the question off the screen first: the typed secret leaves the UI with it.
    set((s) => ({ prompts: s.prompts.filter((p) => p.id !== id) }));
    try {
      await api().ssh.answer({ id, answer: { cancel: false, remember: false, ...answer } });
    } catch (error) {
      get().pushToast(describeError(WorkbenchError.from(error).toData()));
    }
  },
});
