import type { AwsProfile, Ec2Instance, InstanceAction } from '../../../../shared/contract/cloud';
import type { AppState } from '../../../app/store';
import { appliesTo } from '../model/actions';
import { defaultRegions } from '../model/regions';
import type { RegionView } from './initialState';

const NO_INSTANCES: Ec2Instance[] = [];

// Derived arrays are cached on the objects they come from, so selectors hand
// React the same array until the data changes.
const instancesCache = new WeakMap<Record<string, RegionView>, Ec2Instance[]>();
let regionsCache: { region: string | undefined; settings: readonly string[]; value: string[] } | undefined;
let selectedCache: { all: Ec2Instance[]; ids: string[]; value: Ec2Instance[] } | undefined;

function allInstances(s: AppState): Ec2Instance[] {
  const regions = s.cloudLive?.regions;
  if (!regions) return NO_INSTANCES;
  let list = instancesCache.get(regions);
  if (!list) {
    list = Object.values(regions).flatMap((r) => r.instances);
    instancesCache.set(regions, list);
  }
  return list;
}

function profileInfo(s: AppState): AwsProfile | undefined {
  return s.cloudProfiles?.profiles.find((p) => p.name === s.cloudProfile);
}

export const cloudSelectors = {
  profiles: (s: AppState) => s.cloudProfiles,
  profile: (s: AppState) => s.cloudProfile,
  profileInfo,
  /** The regions shown for the active profile: the user's choice, else the profile's region, else the settings'. */
  regions: (s: AppState): string[] => {
    const chosen = s.cloudProfile ? s.cloudRegionChoice[s.cloudProfile] : undefined;
    if (chosen) return chosen;
    const region = profileInfo(s)?.region;
    const settings = s.settings.cloud.regions;
    if (!regionsCache || regionsCache.region !== region || regionsCache.settings !== settings) regionsCache = { region, settings, value: defaultRegions(region ? { region } : undefined, settings) };
    return regionsCache.value;
  },
  /** Every instance of every region shown, unfiltered. */
  instances: allInstances,
  instance: (id: string | undefined) => (s: AppState): Ec2Instance | undefined => (id ? allInstances(s).find((i) => i.id === id) : undefined),
  /** The ticked instances that are still there. */
  selected: (s: AppState): Ec2Instance[] => {
    const all = allInstances(s);
    if (selectedCache && selectedCache.all === all && selectedCache.ids === s.cloudSelection) return selectedCache.value;
    const ids = new Set(s.cloudSelection);
    const value = all.filter((i) => ids.has(i.id));
    selectedCache = { all, ids: s.cloudSelection, value };
    return value;
  },
  /** Whether the action applies to at least one ticked instance (its button and command are enabled). */
  canAct: (action: InstanceAction) => (s: AppState): boolean => {
    const selected = cloudSelectors.selected(s);
    if (action === 'terminate') return selected.length === 1 && appliesTo('terminate', selected[0]!.state);
    return selected.some((i) => appliesTo(action, i.state));
  },
};
