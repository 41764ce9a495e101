import type { StateCreator } from 'zustand';
import type { DeployEvent, StartRequest } from '../../../../shared/contract/deploy';
import { describeError, WorkbenchError, type WorkbenchErrorData } from '../../../../shared/contract/errors';
import type { Subscription } from '../../../../shared/rpc/api';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { FrameBatcher } from '../model/frame-batcher';
import { applyEvents, mergeOutputs } from '../model/run-state';
import { targetSourceIds } from '../model/run-logs';
import { toggleSourcesSolo } from '../../logs/model/filters';
import { deployInitialState, type DeployScreen, type DeployState } from './initialState';

export interface DeployActions {
  showDeploy(screen: DeployScreen): void;
  loadRecipes(): Promise<void>;
  /** Re-list recipes whenever a file changes on disk; returns the unsubscribe. */
  watchRecipes(): () => void;
  loadDeployRuns(): Promise<void>;
  loadLocks(): Promise<void>;
  /** Entry point from a host or workload: the recipes list, runs limited to that target. */
  deployTo(targetId: string | undefined): void;
  /** Start a run and show it live. Throws the error (a plan error, a lock refusal) for the form to show. */
  startDeploy(request: StartRequest): Promise<string>;
  /** Show a run: follow it live when it is still running, else from history (read-only). */
  openRun(runId: string): Promise<void>;
  /** Stop following the run on screen (the run itself goes on in main). */
  detachRun(): void;
  cancelDeploy(mode: 'after-step' | 'now'): Promise<void>;
  answerConfirm(approve: boolean): Promise<void>;
  breakLock(target: string): Promise<boolean>;
  /** The logs pane of a run: its targets' logs in one Logs view, opened without leaving the run. */
  openRunLogs(runId: string): Promise<void>;
  /** Close the run's logs pane (and its view, unless it was opened in the Logs view). */
  closeRunLogs(): void;
  /** Open the run's logs in the Logs view; the view then stays when the run view goes. */
  keepRunLogs(): void;
  /** Show only `target`'s lines in the run's logs pane (again: all). False when its logs are not in the pane. */
  showTargetLogs(target: string): boolean;
}

export type DeploySlice = DeployState & DeployActions;

const message = (error: unknown) => describeError(WorkbenchError.from(error).toData());

/** The one watch stream: the run on screen. Runs go on in main without it. */
let watch: { runId: string; sub: Subscription; batcher: FrameBatcher<DeployEvent> } | undefined;

export const createDeploySlice: StateCreator<AppState, [], [], DeploySlice> = (set, get) => {
  const stopWatching = () => {
    watch?.batcher.dispose();
    watch?.sub.close();
    watch = undefined;
  };

  const applyTo = (runId: string, events: DeployEvent[]) =>
    set((s) => {
      const current = s.deployRunView;
      if (events[0]?.type === 'snapshot' && (!current || current.run.id !== runId)) {
        return { deployRunView: applyEvents({ run: events[0].run, outputs: {}, live: true }, events.slice(1)) };
      }
      if (!current || current.run.id !== runId) return {};
      return { deployRunView: applyEvents(current, events) };
    });

  /** Follow a run; `backfill`: it started before this window looked, so fetch the output so far too. */
  const follow = (runId: string, backfill: boolean) => {
    stopWatching();
    const batcher = new FrameBatcher<DeployEvent>((events) => applyTo(runId, events));
    const sub = api().deploy.watch(
      { runId },
      {
        onEvent: (event) => {
          // Output is sized by its text on the wire (as fleet runs are); other events count one.
          sub.ack(event.type === 'output' ? Math.max(1, event.data.length) : 1);
          batcher.push(event);
        },
        onEnd: (error?: WorkbenchErrorData) => {
          if (watch?.sub !== sub) return;
          batcher.flush();
          watch = undefined;
          set((s) => (s.deployRunView?.run.id === runId ? { deployRunView: { ...s.deployRunView, live: false }, ...(error ? { deployRunError: `Stopped following the run: ${describeError(error)}` } : {}) } : {}));
          void get().loadDeployRuns();
        },
      },
    );
    watch = { runId, sub, batcher };
    if (backfill) {
      void api()
        .deploy.run({ id: runId })
        .then((detail) =>
          set((s) => {
            const view = s.deployRunView;
            if (!view || view.run.id !== runId) return {};
            return { deployRunView: { ...view, outputs: mergeOutputs(detail.outputs, view.outputs) } };
          }),
        )
        .catch(() => undefined); // the live output still shows; only the earlier part is missing
    }
  };

  return {
    ...deployInitialState,

    showDeploy(screen) {
      if (screen.kind !== 'run') {
        stopWatching();
        get().closeRunLogs();
      }
      set({ deployScreen: screen, activeView: 'deployments', ...(screen.kind !== 'run' ? { deployRunView: undefined, deployRunError: undefined } : {}) });
      if (screen.kind === 'history' || screen.kind === 'recipes') void get().loadDeployRuns();
      if (screen.kind === 'locks') void get().loadLocks();
      if (screen.kind === 'recipes' && !get().deployRecipes) void get().loadRecipes();
    },

    async loadRecipes() {
      try {
        set({ deployRecipes: await api().deploy.recipes({}), deployRecipesError: undefined });
      } catch (error) {
        set({ deployRecipesError: message(error) });
      }
    },

    watchRecipes() {
      const sub = api().deploy.recipesChanged({}, { onEvent: () => { sub.ack(1); void get().loadRecipes(); } });
      return () => sub.close();
    },

    async loadDeployRuns() {
      try {
        const { runs } = await api().deploy.runs({ limit: 200 });
        set({ deployRuns: runs, deployRunsError: undefined });
      } catch (error) {
        set({ deployRunsError: message(error) });
      }
    },

    async loadLocks() {
      try {
        const { locks } = await api().deploy.locks({ targets: [] });
        set({ deployLocks: locks, deployLocksError: undefined });
      } catch (error) {
        set({ deployLocksError: message(error) });
      }
    },

    deployTo(targetId) {
      set({ deployOnly: targetId });
      get().showDeploy({ kind: 'recipes' });
    },

    async startDeploy(request) {
      const { runId } = await api().deploy.start(request);
      set({ deployScreen: { kind: 'run', runId }, deployRunView: undefined, deployRunError: undefined, activeView: 'deployments' });
      follow(runId, false);
      void get().loadDeployRuns();
      return runId;
    },

    async openRun(runId) {
      set({ deployScreen: { kind: 'run', runId }, deployRunError: undefined, activeView: 'deployments' });
      if (get().deployRunView?.run.id !== runId) set({ deployRunView: undefined });
      try {
        const detail = await api().deploy.run({ id: runId });
        if (get().deployScreen.kind !== 'run') return;
        const live = detail.run.status === 'running';
        set({ deployRunView: { run: detail.run, outputs: detail.outputs, live } });
        if (live) follow(runId, true);
        else stopWatching();
      } catch (error) {
        set({ deployRunError: `Run ${runId} could not be opened: ${message(error)}` });
      }
    },

    detachRun() {
      stopWatching();
      set((s) => (s.deployRunView ? { deployRunView: { ...s.deployRunView, live: false } } : {}));
    },

    async cancelDeploy(mode) {
      const view = get().deployRunView;
      if (!view) return;
      try {
        await api().deploy.cancel({ runId: view.run.id, mode });
        set((s) => (s.deployRunView?.run.id === view.run.id && s.deployRunView.run.status === 'running' ? { deployRunView: { ...s.deployRunView, run: { ...s.deployRunView.run, cancelling: mode } } } : {}));
      } catch (error) {
        get().pushToast(`Cancel failed: ${message(error)}`);
      }
    },

    async answerConfirm(approve) {
      const view = get().deployRunView;
      const confirm = view?.run.confirm;
      if (!view || !confirm) return;
      try {
        await api().deploy.confirm({ runId: view.run.id, id: confirm.id, approve });
      } catch (error) {
        get().pushToast(`${approve ? 'Approve' : 'Reject'} failed: ${message(error)}`);
      }
    },

    async openRunLogs(runId) {
      const current = get().deployRunLogs;
      const viewGone = current?.viewId !== undefined && !get().logTabs.some((t) => t.viewId === current.viewId);
      if (current?.runId === runId && current.status !== 'failed' && !viewGone) return;
      get().closeRunLogs();
      set({ deployRunLogs: { runId, status: 'loading', sources: [], missing: [], kept: false } });
      const still = () => get().deployRunLogs?.runId === runId;
      try {
        const found = await api().deploy.logSources({ runId });
        if (!still()) return;
        let viewId: string | undefined;
        if (found.sources.length > 0) {
          const recipe = get().deployRunView?.run.plan.recipe.name ?? 'deploy';
          viewId = await get().openLogView(
            found.sources.map((s) => s.spec),
            `${recipe} · run ${runId.slice(0, 6)}`,
            { show: false },
          );
          if (!viewId) throw new Error('the log view did not open (see the message)');
          if (!still()) {
            get().closeLogView(viewId);
            return;
          }
        }
        set({ deployRunLogs: { runId, status: 'ready', ...(viewId ? { viewId } : {}), sources: found.sources, missing: found.missing, kept: false } });
      } catch (error) {
        if (still()) set({ deployRunLogs: { runId, status: 'failed', sources: [], missing: [], error: message(error), kept: false } });
      }
    },

    closeRunLogs() {
      const current = get().deployRunLogs;
      if (current?.viewId && !current.kept) get().closeLogView(current.viewId);
      set({ deployRunLogs: undefined });
    },

    keepRunLogs() {
      const current = get().deployRunLogs;
      if (!current?.viewId) return;
      set({ deployRunLogs: { ...current, kept: true } });
      get().selectLogView(current.viewId);
      get().showView('logs');
    },

    showTargetLogs(target) {
      const current = get().deployRunLogs;
      const tab = current?.viewId ? get().logTabs.find((t) => t.viewId === current.viewId) : undefined;
      if (!current || !tab) return false;
      const ids = targetSourceIds(target, current.sources, tab.sources.map((s) => s.id));
      if (ids.length === 0) return false;
      get().updateLogTab(tab.viewId, (t) => ({ filter: toggleSourcesSolo(t.filter, ids), follow: true }));
      return true;
    },

    async breakLock(target) {
      try {
        const { broken } = await api().deploy.breakLock({ target });
        get().pushToast(broken ? `Lock on ${target} broken` : `No lock on ${target} any more`);
        void get().loadLocks();
        return true;
      } catch (error) {
        get().pushToast(`Lock on ${target} not broken: ${message(error)}`);
        return false;
      }
    },
  };
};

/** Whether this window follows that run now (the run view re-attaches when not). */
export function isWatching(runId: string): boolean {
  return watch?.runId === runId;
}
