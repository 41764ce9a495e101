import type { LogLine, LogSourceSpec, SourceState } from '../../../../shared/contract/logs';
import { emptyFilter, type FilterModel } from '../model/filters';

/** One open log view (a tab). Lines stay in main; this is what the chrome around them shows. */
export interface LogTab {
  viewId: string;
  title: string;
  specs: LogSourceSpec[];
  sources: SourceState[];
  /** Lines in the view, and how many of the oldest were dropped to stay under the cap. */
  total: number;
  dropped: number;
  firstSeq: number;
  /** JSON/logfmt fields seen so far. */
  fields: string[];
  filter: FilterModel;
  /** Marked in messages and stepped through with Enter/F3, without filtering. */
  highlight: string;
  follow: boolean;
  showSource: boolean;
  /** The line open in the details pane, and its index among the matched lines (when known). */
  selected: LogLine | undefined;
  selectedIndex: number | undefined;
  /** The events stream ended (the view is gone in main). */
  ended: string | undefined;
}

export interface OpenPrefill {
  kind: LogSourceSpec['kind'];
  hostId?: string;
  path?: string;
  context?: string;
  namespace?: string;
}

export type LogsDialog = { type: 'open'; prefill?: OpenPrefill; addTo?: string } | { type: 'export'; viewId: string };

export interface LogsState {
  logTabs: LogTab[];
  activeLogView: string | undefined;
  logsDialog: LogsDialog | undefined;
}

export const logsInitialState: LogsState = {
  logTabs: [],
  activeLogView: undefined,
  logsDialog: undefined,
};

export function newTab(viewId: string, title: string, specs: LogSourceSpec[], sources: SourceState[]): LogTab {
  return {
    viewId,
    title,
    specs,
    sources,
    total: 0,
    dropped: 0,
    firstSeq: 0,
    fields: [],
    filter: emptyFilter(),
    highlight: '',
    follow: true,
    showSource: specs.length > 1 || specs.some((s) => s.kind === 'pods' || (s.kind === 'pod' && s.container === '*')),
    selected: undefined,
    selectedIndex: undefined,
    ended: undefined,
  };
}
