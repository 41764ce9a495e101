// What the user asked to see in a view, as chips, and the LogFilter main is
// asked with. The filter defines the matches; a highlight term only marks
// and navigates.
import type { LogFilter, LogLevel, TextFilter } from '../../../../shared/contract/logs';

export type LevelChip = 'error' | 'warn' | 'info' | 'debug' | 'trace';
export const LEVEL_CHIPS: readonly LevelChip[] = ['error', 'warn', 'info', 'debug', 'trace'];
/** The contract levels each chip stands for (fatal shows with errors, unknown with info). */
const LEVELS_OF: Record<LevelChip, LogLevel[]> = { error: ['error', 'fatal'], warn: ['warn'], info: ['info', 'unknown'], debug: ['debug'], trace: ['trace'] };
export const chipOfLevel = (level: LogLevel): LevelChip => (level === 'fatal' ? 'error' : level === 'unknown' ? 'info' : level);

export type Chip = { kind: 'text'; filter: TextFilter } | { kind: 'field'; key: string; value: string };

export interface FilterModel {
  chips: Chip[];
  /** Levels shown; empty: all. */
  levels: LevelChip[];
  from?: number | undefined;
  to?: number | undefined;
  /** Sources: only `ids` (solo) or all but `ids` (hide). */
  sources?: { mode: 'solo' | 'hide'; ids: string[] } | undefined;
}

export const emptyFilter = (): FilterModel => ({ chips: [], levels: [] });

export interface ChipInput {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
  exclude: boolean;
}

/** `@key=value` is a field filter (value `*`: the field exists); anything else is a text filter. */
export function chipFromInput(input: ChipInput): Chip | undefined {
  const text = input.text.trim();
  if (!text) return undefined;
  const field = /^@([^=\s]+)=(.*)$/.exec(text);
  if (field) return { kind: 'field', key: field[1]!, value: field[2]! };
  return { kind: 'text', filter: { text: text.slice(0, 2000), regex: input.regex, caseSensitive: input.caseSensitive, exclude: input.exclude } };
}

export function addChip(model: FilterModel, chip: Chip): FilterModel {
  const same = model.chips.some((c) => JSON.stringify(c) === JSON.stringify(chip));
  if (same) return model;
  const texts = model.chips.filter((c) => c.kind === chip.kind).length;
  if (texts >= 20) return model;
  return { ...model, chips: [...model.chips, chip] };
}

export function removeChip(model: FilterModel, index: number): FilterModel {
  return { ...model, chips: model.chips.filter((_, i) => i !== index) };
}

/** Flip a text chip between keeping and excluding what it matches. */
export function invertChip(model: FilterModel, index: number): FilterModel {
  return { ...model, chips: model.chips.map((c, i) => (i === index && c.kind === 'text' ? { ...c, filter: { ...c.filter, exclude: !c.filter.exclude } } : c)) };
}

export function toggleLevel(model: FilterModel, level: LevelChip): FilterModel {
  const levels = model.levels.includes(level) ? model.levels.filter((l) => l !== level) : [...model.levels, level];
  return { ...model, levels: levels.length === LEVEL_CHIPS.length ? [] : levels };
}

/** A click on a source: show only it; again: show all. With `hide`: hide it (again: show it). */
export function toggleSource(model: FilterModel, id: string, hide: boolean): FilterModel {
  const current = model.sources;
  if (hide) {
    const ids = current?.mode === 'hide' ? current.ids : [];
    const next = ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
    return { ...model, sources: next.length ? { mode: 'hide', ids: next } : undefined };
  }
  if (current?.mode === 'solo' && current.ids.length === 1 && current.ids[0] === id) return { ...model, sources: undefined };
  return { ...model, sources: { mode: 'solo', ids: [id] } };
}

/** Show only these sources (one target's, say); the same set again: show all. */
export function toggleSourcesSolo(model: FilterModel, ids: readonly string[]): FilterModel {
  const current = model.sources;
  const same = current?.mode === 'solo' && current.ids.length === ids.length && ids.every((id) => current.ids.includes(id));
  if (same || ids.length === 0) return { ...model, sources: undefined };
  return { ...model, sources: { mode: 'solo', ids: [...ids] } };
}

export function sourceShown(model: FilterModel, id: string): boolean {
  if (!model.sources) return true;
  return model.sources.mode === 'solo' ? model.sources.ids.includes(id) : !model.sources.ids.includes(id);
}

/** The filter main applies. `allSources` turns a hide list into the ids kept. */
export function toLogFilter(model: FilterModel, allSources: readonly string[]): LogFilter {
  const text = model.chips.flatMap((c) => (c.kind === 'text' ? [c.filter] : []));
  const fields = model.chips.flatMap((c) => (c.kind === 'field' ? [{ key: c.key, value: c.value }] : []));
  let sources: string[] = [];
  if (model.sources?.mode === 'solo') sources = model.sources.ids;
  else if (model.sources?.mode === 'hide') {
    sources = allSources.filter((id) => !model.sources!.ids.includes(id));
    // Everything hidden: keep a source id no line has, so nothing matches.
    if (sources.length === 0) sources = ['\u0000none'];
  }
  return {
    text,
    levels: model.levels.flatMap((l) => LEVELS_OF[l]),
    ...(model.from !== undefined ? { from: model.from } : {}),
    ...(model.to !== undefined ? { to: model.to } : {}),
    fields,
    sources,
  };
}

/** The same filter, the same key (window cache, requests). */
export const filterKey = (filter: LogFilter): string => JSON.stringify(filter);

/** The index of a chip for filter `text[index]` (main's filterError names the latter). */
export function chipForTextIndex(model: FilterModel, textIndex: number): number {
  let seen = -1;
  for (let i = 0; i < model.chips.length; i++) {
    if (model.chips[i]!.kind === 'text' && ++seen === textIndex) return i;
  }
  return -1;
}

export function chipLabel(chip: Chip): string {
  if (chip.kind === 'field') return `${chip.key}=${chip.value}`;
  const f = chip.filter;
  return `${f.exclude ? '−' : ''}${f.regex ? `/${f.text}/` : f.text}${f.caseSensitive ? ' Aa' : ''}`;
}
