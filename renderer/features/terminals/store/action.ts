import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { controllers } from '../controllers';
import type { PaneUpdate } from '../controller';
import { neighbour, paneIds, paneLeaf, removePane, splitPane, type Direction, type Orientation, type Rect } from '../layout';
import { terminalsInitialState, type TerminalsState } from './initialState';

export interface TerminalsActions {
  newTab(): string;
  splitActive(orientation: Orientation): void;
  /** Close a pane; asks first when a command runs in it, unless `force`. */
  closePane(paneId: string, options?: { force?: boolean }): Promise<void>;
  focusPane(paneId: string): void;
  focusDirection(direction: Direction): void;
  selectTab(tabId: string): void;
  cycleTab(delta: number): void;
  updatePane(paneId: string, patch: PaneUpdate): void;
  openSearch(): void;
  closeSearch(): void;
  cancelClose(): void;
}

export type TerminalsSlice = TerminalsState & TerminalsActions;

let counter = 0;
const nextId = (prefix: string) => `${prefix}${++counter}`;

export const createTerminalsSlice: StateCreator<AppState, [], [], TerminalsSlice> = (set, get) => ({
  ...terminalsInitialState,

  newTab() {
    const paneId = nextId('pane');
    const tab = { id: nextId('tab'), layout: paneLeaf(paneId), activePaneId: paneId };
    set((s) => ({
      tabs: [...s.tabs, tab],
      activeTabId: tab.id,
      panes: { ...s.panes, [paneId]: { id: paneId, status: 'starting', title: 'shell' } },
      activeView: 'terminals',
    }));
    return tab.id;
  },

  splitActive(orientation) {
    const tab = get().tabs.find((t) => t.id === get().activeTabId);
    if (!tab) {
      get().newTab();
      return;
    }
    const paneId = nextId('pane');
    set((s) => ({
      tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, layout: splitPane(t.layout, t.activePaneId, paneId, orientation, nextId('split')), activePaneId: paneId } : t)),
      panes: { ...s.panes, [paneId]: { id: paneId, status: 'starting', title: 'shell' } },
    }));
  },

  async closePane(paneId, options = {}) {
    const pane = get().panes[paneId];
    if (!pane) return;
    if (!options.force && get().settings.terminal.confirmCloseRunning && pane.status === 'running' && pane.sessionId) {
      try {
        const busy = await api().terminals.busy({ id: pane.sessionId });
        if (busy.busy) {
          set({ confirmClose: { paneId, process: busy.process ?? 'a program' } });
          return;
        }
      } catch (error) {
        get().pushToast(`Could not check whether the terminal is busy: ${describeError(WorkbenchError.from(error).toData())}`);
      }
    }
    controllers.get(paneId)?.dispose();
    controllers.delete(paneId);
    set((s) => {
      const panes = { ...s.panes };
      delete panes[paneId];
      const tabs = s.tabs.flatMap((t) => {
        if (!paneIds(t.layout).includes(paneId)) return [t];
        const layout = removePane(t.layout, paneId);
        if (!layout) return [];
        const remaining = paneIds(layout);
        return [{ ...t, layout, activePaneId: remaining.includes(t.activePaneId) ? t.activePaneId : remaining[remaining.length - 1]! }];
      });
      const activeTabId = tabs.some((t) => t.id === s.activeTabId) ? s.activeTabId : tabs[tabs.length - 1]?.id;
      return {
        panes,
        tabs,
        activeTabId,
        confirmClose: s.confirmClose?.paneId === paneId ? undefined : s.confirmClose,
        searchPaneId: s.searchPaneId === paneId ? undefined : s.searchPaneId,
      };
    });
    const active = get().tabs.find((t) => t.id === get().activeTabId)?.activePaneId;
    if (active) requestAnimationFrame(() => controllers.get(active)?.focus());
  },

  focusPane(paneId) {
    set((s) => ({ tabs: s.tabs.map((t) => (paneIds(t.layout).includes(paneId) ? { ...t, activePaneId: paneId } : t)) }));
    controllers.get(paneId)?.focus();
  },

  focusDirection(direction) {
    const tab = get().tabs.find((t) => t.id === get().activeTabId);
    if (!tab) return;
    const rects = new Map<string, Rect>();
    for (const id of paneIds(tab.layout)) {
      const element = controllers.get(id)?.element;
      if (element?.isConnected) {
        const r = element.getBoundingClientRect();
        rects.set(id, { left: r.left, top: r.top, width: r.width, height: r.height });
      }
    }
    const target = neighbour(rects, tab.activePaneId, direction);
    if (target) get().focusPane(target);
  },

  selectTab(tabId) {
    set({ activeTabId: tabId, activeView: 'terminals' });
    const pane = get().tabs.find((t) => t.id === tabId)?.activePaneId;
    if (pane) requestAnimationFrame(() => controllers.get(pane)?.focus());
  },

  cycleTab(delta) {
    const { tabs, activeTabId } = get();
    if (tabs.length === 0) return;
    const index = tabs.findIndex((t) => t.id === activeTabId);
    get().selectTab(tabs[(index + delta + tabs.length) % tabs.length]!.id);
  },

  updatePane(paneId, patch) {
    set((s) => {
      const pane = s.panes[paneId];
      if (!pane) return {};
      return { panes: { ...s.panes, [paneId]: { ...pane, ...patch } } };
    });
  },

  openSearch() {
    const paneId = get().tabs.find((t) => t.id === get().activeTabId)?.activePaneId;
    if (paneId) set({ searchPaneId: paneId });
  },

  closeSearch() {
    const paneId = get().searchPaneId;
    if (paneId) controllers.get(paneId)?.clearSearch();
    set({ searchPaneId: undefined });
    if (paneId) controllers.get(paneId)?.focus();
  },

  cancelClose() {
    const paneId = get().confirmClose?.paneId;
    set({ confirmClose: undefined });
    if (paneId) controllers.get(paneId)?.focus();
  },
});
