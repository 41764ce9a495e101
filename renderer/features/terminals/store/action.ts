import type { StateCreator } from 'zustand';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { controllers } from '../controllers';
import type { PaneUpdate } from '../controller';
import { neighbour, paneIds, paneLeaf, removePane, splitPane, type Direction, type LayoutNode, type Orientation, type Rect } from '../layout';
import { targetTitle } from '../targets';
import { terminalsInitialState, type PaneState, type PaneTarget, type TerminalsState } from './initialState';

export interface TerminalsActions {
  /** A new tab with one pane: a local shell, a shell on a host, a shell in a pod or a pod's logs. */
  newTab(target?: PaneTarget): string;
  /** Split the active pane; the new pane runs what the active one runs (same host for SSH). */
  splitActive(orientation: Orientation, target?: PaneTarget): void;
  /** One tab with a pane per host, typing into all of them at once if `broadcast`. */
  openHosts(hostIds: string[], options?: { broadcast?: boolean; initialInput?: string }): void;
  toggleBroadcast(paneId: string): void;
  /** Broadcast among every pane of the active tab (or stop, if they already are). */
  broadcastActiveTab(): void;
  stopBroadcast(): void;
  /** What `paneId`'s user typed, copied to the other broadcast panes. */
  broadcastInput(paneId: string, data: string): void;
  reconnectPane(paneId: string): void;
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

function newPane(id: string, target: PaneTarget): PaneState {
  return { id, target, status: 'starting', title: targetTitle(target) };
}

export const createTerminalsSlice: StateCreator<AppState, [], [], TerminalsSlice> = (set, get) => ({
  ...terminalsInitialState,

  newTab(target = { kind: 'local' }) {
    const paneId = nextId('pane');
    const tab = { id: nextId('tab'), layout: paneLeaf(paneId), activePaneId: paneId };
    set((s) => ({
      tabs: [...s.tabs, tab],
      activeTabId: tab.id,
      panes: { ...s.panes, [paneId]: newPane(paneId, target) },
      activeView: 'terminals',
    }));
    return tab.id;
  },

  splitActive(orientation, target) {
    const tab = get().tabs.find((t) => t.id === get().activeTabId);
    if (!tab) {
      get().newTab(target);
      return;
    }
    const paneId = nextId('pane');
    const paneTarget = target ?? get().panes[tab.activePaneId]?.target ?? { kind: 'local' };
    set((s) => ({
      tabs: s.tabs.map((t) => (t.id === tab.id ? { ...t, layout: splitPane(t.layout, t.activePaneId, paneId, orientation, nextId('split')), activePaneId: paneId } : t)),
      panes: { ...s.panes, [paneId]: newPane(paneId, paneTarget) },
    }));
  },

  openHosts(hostIds, options = {}) {
    if (hostIds.length === 0) return;
    const paneIdsNew = hostIds.map(() => nextId('pane'));
    // A grid: columns side by side, each column a stack, so 4 hosts make 2×2 and 6 make 3×2.
    const columns = Math.ceil(Math.sqrt(hostIds.length));
    const stacks: string[][] = [];
    paneIdsNew.forEach((id, i) => (stacks[i % columns] ??= []).push(id));
    const column = (ids: string[]): LayoutNode => (ids.length === 1 ? paneLeaf(ids[0]!) : { kind: 'split', id: nextId('split'), orientation: 'vertical', children: ids.map(paneLeaf) });
    const layout: LayoutNode = stacks.length === 1 ? column(stacks[0]!) : { kind: 'split', id: nextId('split'), orientation: 'horizontal', children: stacks.map(column) };
    const tab = { id: nextId('tab'), layout, activePaneId: paneIdsNew[0]! };
    const panes: Record<string, PaneState> = {};
    hostIds.forEach((hostId, i) => {
      const pane = newPane(paneIdsNew[i]!, { kind: 'ssh', hostId });
      if (options.initialInput) pane.initialInput = options.initialInput;
      panes[paneIdsNew[i]!] = pane;
    });
    set((s) => ({
      tabs: [...s.tabs, tab],
      activeTabId: tab.id,
      panes: { ...s.panes, ...panes },
      activeView: 'terminals',
      broadcastPaneIds: options.broadcast ? paneIdsNew : s.broadcastPaneIds,
    }));
  },

  toggleBroadcast(paneId) {
    set((s) => ({ broadcastPaneIds: s.broadcastPaneIds.includes(paneId) ? s.broadcastPaneIds.filter((id) => id !== paneId) : [...s.broadcastPaneIds, paneId] }));
  },

  broadcastActiveTab() {
    const tab = get().tabs.find((t) => t.id === get().activeTabId);
    if (!tab) return;
    const ids = paneIds(tab.layout);
    const all = ids.every((id) => get().broadcastPaneIds.includes(id));
    set({ broadcastPaneIds: all ? [] : ids });
  },

  stopBroadcast() {
    set({ broadcastPaneIds: [] });
  },

  broadcastInput(paneId, data) {
    const targets = get().broadcastPaneIds;
    if (!targets.includes(paneId)) return;
    for (const id of targets) if (id !== paneId) controllers.get(id)?.send(data);
  },

  reconnectPane(paneId) {
    controllers.get(paneId)?.reconnect();
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
        broadcastPaneIds: s.broadcastPaneIds.filter((id) => id !== paneId),
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
      const { initialInput: _taken, ...rest } = patch;
      const next: PaneState = { ...pane, ...(rest as Partial<PaneState>) };
      if ('initialInput' in patch) delete next.initialInput;
      return { panes: { ...s.panes, [paneId]: next } };
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
