import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { LogFilter, LogSourceSpec, LogViewEvent } from '../../../../shared/contract/logs';
import type { Subscription } from '../../../../shared/rpc/api';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { count } from '../model/format';
import { columnsKey, viewTitle } from '../model/sources';
import { logsInitialState, newTab, type LogsDialog, type LogsState, type LogTab } from './initialState';

export interface LogsActions {
  /** Open a view over `sources` in a new tab and show it (`show: false`: open it without leaving the current view, as the run view's logs pane does). */
  openLogView(sources: LogSourceSpec[], title?: string, options?: { show?: boolean }): Promise<string | undefined>;
  addLogSources(viewId: string, sources: LogSourceSpec[]): Promise<void>;
  closeLogView(viewId: string): void;
  selectLogView(viewId: string): void;
  updateLogTab(viewId: string, patch: Partial<LogTab> | ((tab: LogTab) => Partial<LogTab>)): void;
  setLogsDialog(dialog: LogsDialog | undefined): void;
  /** Write every line matching `filter` to `path`; a toast says how many and where. */
  exportLogs(viewId: string, filter: LogFilter, path: string): Promise<boolean>;
  /** The field columns of views of this tab's kind of source, saved in settings. */
  setLogColumns(viewId: string, columns: string[]): void;
}

export type LogsSlice = LogsState & LogsActions;

const message = (error: unknown) => describeError(WorkbenchError.from(error).toData());

/** One events stream per open view. */
const subscriptions = new Map<string, Subscription>();

export const createLogsSlice: StateCreator<AppState, [], [], LogsSlice> = (set, get) => {
  const update: LogsActions['updateLogTab'] = (viewId, patch) =>
    set((s) => ({ logTabs: s.logTabs.map((t) => (t.viewId === viewId ? { ...t, ...(typeof patch === 'function' ? patch(t) : patch) } : t)) }));

  const apply = (viewId: string, event: LogViewEvent) => {
    switch (event.type) {
      case 'sources':
        return update(viewId, { sources: event.sources });
      case 'grew':
        return update(viewId, { total: event.total, dropped: event.dropped, firstSeq: event.firstSeq });
      case 'fields':
        return update(viewId, { fields: event.keys });
    }
  };

  const follow = (viewId: string) => {
    const sub = api().logs.events(
      { viewId },
      {
        onEvent: (event) => {
          sub.ack(1);
          if (subscriptions.get(viewId) === sub) apply(viewId, event);
        },
        onEnd: (error) => {
          if (subscriptions.get(viewId) !== sub) return;
          subscriptions.delete(viewId);
          update(viewId, { ended: error ? describeError(error) : 'The view was closed.' });
        },
      },
    );
    subscriptions.set(viewId, sub);
  };

  return {
    ...logsInitialState,

    async openLogView(sources, title, options) {
      const show = options?.show !== false;
      if (show) get().showView('logs');
      try {
        const opened = await api().logs.open({ sources });
        set((s) => ({ logTabs: [...s.logTabs, newTab(opened.viewId, title ?? viewTitle(sources), sources, opened.sources)], activeLogView: show || !s.activeLogView ? opened.viewId : s.activeLogView }));
        follow(opened.viewId);
        return opened.viewId;
      } catch (error) {
        get().pushToast(`Logs not opened: ${message(error)}`);
        return undefined;
      }
    },

    async addLogSources(viewId, sources) {
      try {
        const added = await api().logs.add({ viewId, sources });
        update(viewId, (t) => {
          const specs = [...t.specs, ...sources];
          return { specs, sources: added.sources, title: viewTitle(specs), showSource: true };
        });
      } catch (error) {
        get().pushToast(`Sources not added: ${message(error)}`);
      }
    },

    closeLogView(viewId) {
      subscriptions.get(viewId)?.close();
      subscriptions.delete(viewId);
      void api()
        .logs.close({ viewId })
        .catch(() => undefined);
      set((s) => {
        const index = s.logTabs.findIndex((t) => t.viewId === viewId);
        const logTabs = s.logTabs.filter((t) => t.viewId !== viewId);
        const activeLogView = s.activeLogView === viewId ? logTabs[Math.min(index, logTabs.length - 1)]?.viewId : s.activeLogView;
        return { logTabs, activeLogView };
      });
    },

    selectLogView: (viewId) => set({ activeLogView: viewId }),
    updateLogTab: update,
    setLogsDialog: (dialog) => set({ logsDialog: dialog }),

    async exportLogs(viewId, filter, path) {
      try {
        const result = await api().logs.export({ viewId, filter, path });
        get().pushToast(`Exported ${count(result.lines)} line${result.lines === 1 ? '' : 's'} to ${result.path}`);
        return true;
      } catch (error) {
        get().pushToast(`Export failed: ${message(error)}`);
        return false;
      }
    },

    setLogColumns(viewId, columns) {
      const tab = get().logTabs.find((t) => t.viewId === viewId);
      if (!tab) return;
      const saved = get().settings.logs?.columns ?? {};
      void get().updateSettings({ logs: { columns: { ...saved, [columnsKey(tab.specs)]: columns.slice(0, 20) } } });
    },
  };
};
