import type { AwsProfileList, CloudHistoryEntry, Ec2Instance, Schedule } from '../../../../shared/contract/cloud';
import { NO_FILTER, type InstanceFilter } from '../model/filter';
import type { ScheduleDraft } from '../model/schedule-form';
import { DEFAULT_SORT, type CloudSort } from '../model/sort';

export type CloudTab = 'instances' | 'schedules' | 'history';

/** One region of the instances stream: its last full list, and its error if the last look failed. */
export interface RegionView {
  instances: Ec2Instance[];
  /** When the list was fetched; undefined until the first list arrives. */
  fetchedAt: number | undefined;
  error: { code: string; message: string } | undefined;
  /** A look is under way: subscribed and no answer for this region yet. */
  listing: boolean;
}

/** The live view of a profile's instances in some regions. */
export interface CloudLive {
  profile: string;
  regions: Record<string, RegionView>;
  /** When main looks again (epoch ms). */
  nextAt: number | undefined;
  /** Why the stream ended, if it failed. */
  ended: string | undefined;
}

export type CloudDialog = { type: 'reboot'; ids: string[] } | { type: 'terminate'; id: string } | { type: 'import'; ids: string[]; openAfter: boolean };

/** What the Add-to-fleet form starts with: the last choices made. */
export interface ImportDefaults {
  address: 'public' | 'private';
  user: string;
  port: number;
  identityFile: string;
  group: string;
}

export interface CloudState {
  cloudProfiles: AwsProfileList | undefined;
  cloudProfilesLoading: boolean;
  cloudProfilesError: string | undefined;
  cloudProfile: string | undefined;
  /** The regions chosen for each profile. */
  cloudRegionChoice: Record<string, string[]>;
  cloudTab: CloudTab;
  cloudLive: CloudLive | undefined;
  cloudFilter: InstanceFilter;
  cloudSort: CloudSort;
  cloudSelection: string[];
  cloudAnchor: string | undefined;
  cloudDetailsId: string | undefined;
  cloudDialog: CloudDialog | undefined;
  cloudQuickPick: boolean;
  /** The last action's failures, one line each, with the AWS code. */
  cloudActionErrors: string[];
  /** Instance id → the action sent and not yet answered. */
  cloudPending: Record<string, string>;
  cloudImportDefaults: ImportDefaults;
  /** Instance id → the host it became, for "Open SSH terminal". */
  cloudImported: Record<string, string>;
  cloudSchedules: Schedule[] | undefined;
  cloudSchedulesError: string | undefined;
  /** The schedule being created or edited. */
  cloudScheduleDraft: ScheduleDraft | undefined;
  cloudHistory: CloudHistoryEntry[] | undefined;
  cloudHistoryLoading: boolean;
  cloudHistoryError: string | undefined;
}

export const cloudInitialState: CloudState = {
  cloudProfiles: undefined,
  cloudProfilesLoading: false,
  cloudProfilesError: undefined,
  cloudProfile: undefined,
  cloudRegionChoice: {},
  cloudTab: 'instances',
  cloudLive: undefined,
  cloudFilter: NO_FILTER,
  cloudSort: DEFAULT_SORT,
  cloudSelection: [],
  cloudAnchor: undefined,
  cloudDetailsId: undefined,
  cloudDialog: undefined,
  cloudQuickPick: false,
  cloudActionErrors: [],
  cloudPending: {},
  cloudImportDefaults: { address: 'public', user: 'ec2-user', port: 22, identityFile: '', group: '' },
  cloudImported: {},
  cloudSchedules: undefined,
  cloudSchedulesError: undefined,
  cloudScheduleDraft: undefined,
  cloudHistory: undefined,
  cloudHistoryLoading: false,
  cloudHistoryError: undefined,
};
