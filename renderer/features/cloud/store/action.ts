import type { StateCreator } from 'zustand';
import { InstanceState, type Ec2Instance, type InstanceAction, type InstancesEvent, type Schedule } from '../../../../shared/contract/cloud';
import { describeError, WorkbenchError } from '../../../../shared/contract/errors';
import type { Subscription } from '../../../../shared/rpc/api';
import type { AppState } from '../../../app/store';
import { api } from '../../../transport/current';
import { ACTION_VERBS, byRegion, describeInstances, planAction } from '../model/actions';
import type { InstanceFilter } from '../model/filter';
import { hostFor } from '../model/hosts';
import { draftOf, newScheduleDraft, type ScheduleDraft, type ScheduleInput } from '../model/schedule-form';
import type { Selection } from '../model/selection';
import { nextSort, type CloudColumn } from '../model/sort';
import type { TagChanges } from '../model/tags';
import { cloudInitialState, type CloudDialog, type CloudLive, type CloudState, type CloudTab, type ImportDefaults, type RegionView } from './initialState';
import { cloudSelectors } from './selectors';

export interface ImportOutcome {
  added: string[];
  skipped: Array<{ id: string; reason: string }>;
  /** Regions whose import failed, one line each. */
  errors: string[];
  /** For one instance: the host it is now (added, or found already there). */
  hostId: string | undefined;
}

export interface ScheduleRun {
  changes: Array<{ id: string; previous: string; current: string }>;
  errors: string[];
}

export interface CloudActions {
  loadCloudProfiles(): Promise<void>;
  selectCloudProfile(name: string): void;
  setCloudRegions(regions: string[]): void;
  /** (Re)subscribe to the instances of the active profile in its regions. */
  watchInstances(): void;
  unwatchInstances(): void;
  setCloudTab(tab: CloudTab): void;
  setCloudFilter(patch: Partial<InstanceFilter>): void;
  sortCloud(column: CloudColumn): void;
  setCloudSelection(selection: Selection): void;
  openCloudDetails(id: string | undefined): void;
  setCloudDialog(dialog: CloudDialog | undefined): void;
  setCloudQuickPick(open: boolean): void;
  dismissCloudErrors(): void;
  /** The action buttons and commands: start and stop at once, reboot and terminate ask first. */
  requestCloudAction(action: InstanceAction): void;
  /** Send an action (one call per region); failures land in `cloudActionErrors`. True when every call worked. */
  actOnInstances(action: InstanceAction, instances: Ec2Instance[], confirm?: string): Promise<boolean>;
  /** Throws a message a user can read. */
  saveInstanceTags(instance: Ec2Instance, changes: TagChanges): Promise<void>;
  importInstances(instances: Ec2Instance[], options: ImportDefaults): Promise<ImportOutcome>;
  /** Open an SSH terminal to the host the instance is; ask to add it to the fleet first if it is not one. */
  openInstanceTerminal(instance: Ec2Instance): Promise<void>;
  loadCloudSchedules(): Promise<void>;
  editCloudSchedule(draft: ScheduleDraft | 'new' | undefined): void;
  /** Throws a message a user can read. */
  saveCloudSchedule(value: ScheduleInput): Promise<Schedule>;
  removeCloudSchedule(id: string): Promise<void>;
  runCloudSchedule(id: string): Promise<ScheduleRun>;
  loadCloudHistory(): Promise<void>;
}

export type CloudSlice = CloudState & CloudActions;

/** An error as one line, with its call, the AWS code main put in it, and where. */
export const errorText = (error: unknown) => describeError(WorkbenchError.from(error).toData());
/** An action's error where the line already says what and where: main's message, which starts with the AWS code. */
const awsErrorText = (error: unknown) => WorkbenchError.from(error).message;

const emptyRegion = (): RegionView => ({ instances: [], fetchedAt: undefined, error: undefined, listing: true });
const isState = (value: string): value is InstanceState => (InstanceState.options as readonly string[]).includes(value);

let instancesSub: Subscription | undefined;

export const createCloudSlice: StateCreator<AppState, [], [], CloudSlice> = (set, get) => {
  const updateLive = (update: (live: CloudLive) => Partial<CloudLive>) => set((s) => (s.cloudLive ? { cloudLive: { ...s.cloudLive, ...update(s.cloudLive) } } : {}));

  const applyEvent = (event: InstancesEvent) => {
    switch (event.type) {
      case 'region':
        updateLive((live) => ({ regions: { ...live.regions, [event.region]: { instances: event.instances, fetchedAt: event.fetchedAt, error: undefined, listing: false } } }));
        break;
      case 'error':
        // The region keeps what it last listed; the error says why it is not fresh.
        updateLive((live) => ({ regions: { ...live.regions, [event.region]: { ...(live.regions[event.region] ?? emptyRegion()), error: { code: event.code, message: event.message }, listing: false } } }));
        break;
      case 'next':
        updateLive(() => ({ nextAt: Date.now() + event.inMs }));
        break;
    }
  };

  /** AWS answered an action with the states it moved instances to: show them before the next look. */
  const applyChanges = (changes: Array<{ id: string; current: string }>) => {
    const next = new Map(changes.filter((c) => isState(c.current)).map((c) => [c.id, c.current as InstanceState]));
    if (next.size === 0) return;
    updateLive((live) => ({
      regions: Object.fromEntries(
        Object.entries(live.regions).map(([region, view]) => [region, view.instances.some((i) => next.has(i.id)) ? { ...view, instances: view.instances.map((i) => (next.has(i.id) ? { ...i, state: next.get(i.id)! } : i)) } : view]),
      ),
    }));
  };

  const setPending = (ids: string[], action: string | undefined) =>
    set((s) => {
      const cloudPending = { ...s.cloudPending };
      for (const id of ids) {
        if (action) cloudPending[id] = action;
        else delete cloudPending[id];
      }
      return { cloudPending };
    });

  const profileOrThrow = () => {
    const profile = get().cloudProfile;
    if (!profile) throw new Error('no AWS profile is chosen');
    return profile;
  };

  return {
    ...cloudInitialState,

    async loadCloudProfiles() {
      set({ cloudProfilesLoading: true });
      try {
        const list = await api().cloud.profiles({});
        set((s) => {
          const names = list.profiles.map((p) => p.name);
          const keep = s.cloudProfile && names.includes(s.cloudProfile) ? s.cloudProfile : undefined;
          return { cloudProfiles: list, cloudProfilesError: undefined, cloudProfile: keep ?? (names.includes('default') ? 'default' : names[0]) };
        });
      } catch (error) {
        set({ cloudProfilesError: errorText(error) });
      } finally {
        set({ cloudProfilesLoading: false });
      }
    },

    selectCloudProfile(name) {
      if (get().cloudProfile === name) return;
      set({ cloudProfile: name, cloudSelection: [], cloudAnchor: undefined, cloudDetailsId: undefined, cloudActionErrors: [], cloudQuickPick: false });
    },

    setCloudRegions(regions) {
      const profile = get().cloudProfile;
      if (!profile) return;
      set((s) => ({ cloudRegionChoice: { ...s.cloudRegionChoice, [profile]: [...new Set(regions)] } }));
    },

    watchInstances() {
      instancesSub?.close();
      instancesSub = undefined;
      const state = get();
      const profile = state.cloudProfile;
      const regions = cloudSelectors.regions(state);
      if (!profile || regions.length === 0) {
        set({ cloudLive: undefined });
        return;
      }
      // Regions still shown keep their rows while they are listed again: the table never blanks.
      set((s) => {
        const before = s.cloudLive?.profile === profile ? s.cloudLive.regions : {};
        const views = Object.fromEntries(regions.map((r) => [r, before[r] ? { ...before[r], listing: true } : emptyRegion()]));
        return { cloudLive: { profile, regions: views, nextAt: undefined, ended: undefined } };
      });
      const sub = api().cloud.instances(
        { profile, regions },
        {
          onEvent: (event) => {
            sub.ack(1);
            if (instancesSub === sub) applyEvent(event);
          },
          onEnd: (error) => {
            if (instancesSub !== sub) return;
            instancesSub = undefined;
            updateLive((live) => ({
              ended: error ? describeError(error) : 'The instances stream ended.',
              nextAt: undefined,
              regions: Object.fromEntries(Object.entries(live.regions).map(([r, v]) => [r, { ...v, listing: false }])),
            }));
          },
        },
      );
      instancesSub = sub;
    },

    unwatchInstances() {
      instancesSub?.close();
      instancesSub = undefined;
      updateLive((live) => ({ nextAt: undefined, regions: Object.fromEntries(Object.entries(live.regions).map(([r, v]) => [r, { ...v, listing: false }])) }));
    },

    setCloudTab(tab) {
      set({ cloudTab: tab, activeView: 'cloud' });
      if (tab === 'schedules') void get().loadCloudSchedules();
      if (tab === 'history') void get().loadCloudHistory();
    },

    setCloudFilter: (patch) => set((s) => ({ cloudFilter: { ...s.cloudFilter, ...patch } })),
    sortCloud: (column) => set((s) => ({ cloudSort: nextSort(s.cloudSort, column) })),
    setCloudSelection: (selection) => set({ cloudSelection: selection.ids, cloudAnchor: selection.anchor }),
    openCloudDetails: (cloudDetailsId) => set({ cloudDetailsId }),
    setCloudDialog: (cloudDialog) => set({ cloudDialog }),
    setCloudQuickPick: (cloudQuickPick) => set({ cloudQuickPick }),
    dismissCloudErrors: () => set({ cloudActionErrors: [] }),

    requestCloudAction(action) {
      const selected = cloudSelectors.selected(get());
      if (action === 'reboot') {
        const ids = planAction('reboot', selected).byRegion;
        const targets = [...ids.values()].flat().map((i) => i.id);
        if (targets.length) set({ cloudDialog: { type: 'reboot', ids: targets } });
        return;
      }
      if (action === 'terminate') {
        if (selected.length === 1) set({ cloudDialog: { type: 'terminate', id: selected[0]!.id } });
        return;
      }
      void get().actOnInstances(action, selected);
    },

    async actOnInstances(action, instances, confirm) {
      const profile = get().cloudProfile;
      if (!profile) return false;
      const plan = planAction(action, instances);
      if (plan.byRegion.size === 0) return false;
      set({ cloudActionErrors: [] });
      const verbs = ACTION_VERBS[action];
      const errors: string[] = [];
      const done: Ec2Instance[] = [];
      await Promise.all(
        [...plan.byRegion.entries()].map(async ([region, list]) => {
          const ids = list.map((i) => i.id);
          setPending(ids, action);
          try {
            const { changes } = await api().cloud.act({ profile, region, action, instanceIds: ids, ...(confirm !== undefined ? { confirm } : {}) });
            applyChanges(changes);
            done.push(...list);
          } catch (error) {
            errors.push(`${verbs.label} ${describeInstances(list)} in ${region}: ${awsErrorText(error)}`);
          } finally {
            setPending(ids, undefined);
          }
        }),
      );
      if (errors.length) set({ cloudActionErrors: errors });
      if (done.length) {
        const skipped = plan.skipped.length ? ` (${describeInstances(plan.skipped)} left alone: ${plan.skipped.length === 1 ? 'its state does not allow it' : 'their state does not allow it'})` : '';
        get().pushToast(`${verbs.doing} ${describeInstances(done)}${skipped}.`);
      }
      if (get().cloudHistory) void get().loadCloudHistory();
      return errors.length === 0;
    },

    async saveInstanceTags(instance, changes) {
      const profile = profileOrThrow();
      try {
        await api().cloud.tags({ profile, region: instance.region, instanceId: instance.id, set: changes.set, remove: changes.remove });
      } catch (error) {
        throw new Error(errorText(error));
      }
      // Shown now; the next look confirms it.
      const tags = { ...instance.tags, ...changes.set };
      for (const key of changes.remove) delete tags[key];
      updateLive((live) => {
        const view = live.regions[instance.region];
        if (!view) return {};
        const instances = view.instances.map((i) => (i.id === instance.id ? { ...i, tags, name: tags.Name ?? '' } : i));
        return { regions: { ...live.regions, [instance.region]: { ...view, instances } } };
      });
    },

    async importInstances(instances, options) {
      const profile = profileOrThrow();
      set({ cloudImportDefaults: options });
      const outcome: ImportOutcome = { added: [], skipped: [], errors: [], hostId: undefined };
      await Promise.all(
        [...byRegion(instances).entries()].map(async ([region, list]) => {
          try {
            const result = await api().cloud.import({
              profile,
              region,
              instanceIds: list.map((i) => i.id),
              address: options.address,
              user: options.user.trim(),
              port: options.port,
              ...(options.identityFile.trim() ? { identityFile: options.identityFile.trim() } : {}),
              ...(options.group.trim() ? { group: options.group.trim() } : {}),
            });
            outcome.added.push(...result.added);
            outcome.skipped.push(...result.skipped);
          } catch (error) {
            outcome.errors.push(`${region}: ${errorText(error)}`);
          }
        }),
      );
      await get().loadHosts();
      const only = instances.length === 1 ? instances[0] : undefined;
      if (only) {
        // One instance, one host: the one added, or the one it already was.
        outcome.hostId = outcome.added.length === 1 ? outcome.added[0] : hostFor(only, get().hostList?.hosts ?? [], get().cloudImported);
        if (outcome.hostId) set((s) => ({ cloudImported: { ...s.cloudImported, [only.id]: outcome.hostId! } }));
      }
      return outcome;
    },

    async openInstanceTerminal(instance) {
      if (!get().hostList) await get().loadHosts();
      const hostId = hostFor(instance, get().hostList?.hosts ?? [], get().cloudImported);
      if (hostId) get().newTab({ kind: 'ssh', hostId });
      else set({ cloudDialog: { type: 'import', ids: [instance.id], openAfter: true } });
    },

    async loadCloudSchedules() {
      try {
        const { schedules } = await api().cloud.schedules({});
        set({ cloudSchedules: schedules, cloudSchedulesError: undefined });
      } catch (error) {
        set({ cloudSchedulesError: errorText(error) });
      }
    },

    editCloudSchedule(draft) {
      if (draft !== 'new') {
        set({ cloudScheduleDraft: draft });
        return;
      }
      const state = get();
      set({ cloudScheduleDraft: newScheduleDraft(state.cloudProfile ?? '', cloudSelectors.regions(state)), cloudTab: 'schedules', activeView: 'cloud' });
      if (!state.cloudSchedules) void get().loadCloudSchedules();
    },

    async saveCloudSchedule(value) {
      let saved: Schedule;
      try {
        saved = await api().cloud.saveSchedule(value);
      } catch (error) {
        throw new Error(errorText(error));
      }
      set((s) => {
        const list = s.cloudSchedules ?? [];
        const cloudSchedules = list.some((x) => x.id === saved.id) ? list.map((x) => (x.id === saved.id ? saved : x)) : [...list, saved];
        return { cloudSchedules, cloudScheduleDraft: s.cloudScheduleDraft ? draftOf(saved, s.cloudScheduleDraft.timezone) : undefined };
      });
      return saved;
    },

    async removeCloudSchedule(id) {
      try {
        await api().cloud.removeSchedule({ id });
        set((s) => ({ cloudSchedules: (s.cloudSchedules ?? []).filter((x) => x.id !== id), cloudScheduleDraft: s.cloudScheduleDraft?.id === id ? undefined : s.cloudScheduleDraft }));
      } catch (error) {
        get().pushToast(`Schedule not deleted: ${errorText(error)}`);
      }
    },

    async runCloudSchedule(id) {
      try {
        const result = await api().cloud.runSchedule({ id });
        applyChanges(result.changes);
        void get().loadCloudHistory();
        return result;
      } catch (error) {
        return { changes: [], errors: [errorText(error)] };
      }
    },

    async loadCloudHistory() {
      set({ cloudHistoryLoading: true });
      try {
        const { entries } = await api().cloud.history({ limit: 500 });
        set({ cloudHistory: entries, cloudHistoryError: undefined });
      } catch (error) {
        set({ cloudHistoryError: errorText(error) });
      } finally {
        set({ cloudHistoryLoading: false });
      }
    },
  };
};
