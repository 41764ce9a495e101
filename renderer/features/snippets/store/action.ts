import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { Snippet } from '../../../../shared/contract/snippets';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';

export interface SnippetsSlice {
  snippets: Snippet[];
  snippetsOpen: boolean;
  openSnippets(open: boolean): void;
  loadSnippets(): Promise<void>;
  saveSnippet(input: { id?: string; name: string; command: string }): Promise<void>;
  removeSnippet(id: string): Promise<void>;
}

export const createSnippetsSlice: StateCreator<AppState, [], [], SnippetsSlice> = (set, get) => {
  const fail = (what: string) => (error: unknown) => get().pushToast(`${what}: ${describeError(WorkbenchError.from(error).toData())}`);
  return {
    snippets: [],
    snippetsOpen: false,
    openSnippets: (snippetsOpen) => {
      set({ snippetsOpen });
      if (snippetsOpen) void get().loadSnippets();
    },
    loadSnippets: () => api().snippets.list({}).then(({ snippets }) => set({ snippets }), fail('Snippets could not be read')),
    saveSnippet: (input) => api().snippets.save(input).then(() => get().loadSnippets(), fail('Snippet not saved')),
    removeSnippet: (id) => api().snippets.remove({ id }).then(() => get().loadSnippets(), fail('Snippet not removed')),
  };
};
