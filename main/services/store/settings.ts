// The settings file: versioned, validated on load, written atomically.
// Nothing the user wrote is ever lost: a file that cannot be read is moved
// aside and the user told; fields that fail validation are reset one by one
// after a copy of the original is kept; a file from a newer version is used
// as far as it fits but never overwritten.
import { copyFileSync, readFileSync, renameSync } from 'node:fs';
import { WorkbenchError } from '../../../shared/contract/errors';
import type { Notice } from '../../../shared/contract/notices';
import {
  SETTINGS_VERSION,
  Settings,
  defaultSettings,
  type SettingsPatch,
  type SettingsState,
} from '../../../shared/contract/settings';
import type { Logger } from '../log';
import { asideName, jsonErrorLocation, writeFileAtomic } from './json-file';

type Migration = (raw: Record<string, unknown>) => Record<string, unknown>;
/** MIGRATIONS[n] turns a version-n file into version n+1. */
const MIGRATIONS: Record<number, Migration> = {};

export class SettingsStore {
  private settings: Settings = defaultSettings();
  private readOnly = false;
  private readonly notices: Notice[] = [];
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    readonly file: string,
    private readonly log: Logger,
  ) {}

  get current(): Settings {
    return this.settings;
  }

  get state(): SettingsState {
    return { settings: this.settings, path: this.file, readOnly: this.readOnly, notices: [...this.notices] };
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  load(): void {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return; // first start: defaults, written on first change
      this.readOnly = true;
      this.notice('settings-unreadable', 'error', 'Settings could not be read', `${(error as Error).message}. Defaults are in use and nothing will be written until this is fixed.`);
      return;
    }

    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      this.setAside(`it is not valid JSON${withLocation(jsonErrorLocation(error, text))}`);
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      this.setAside('it does not hold a JSON object');
      return;
    }

    let data = raw as Record<string, unknown>;
    const version = data.version ?? SETTINGS_VERSION;
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      this.setAside(`its "version" (${JSON.stringify(data.version)}) is not a version this app wrote`);
      return;
    }
    if (version > SETTINGS_VERSION) {
      this.readOnly = true;
      this.notice('settings-newer', 'warning', 'Settings are from a newer version',
        `${this.file} was written by a newer version of the workbench (settings version ${version}; this one knows ${SETTINGS_VERSION}). It is used as far as it fits and will not be overwritten.`);
      data = { ...data, version: SETTINGS_VERSION };
    }
    for (let v = version; v < SETTINGS_VERSION; v++) {
      const migrate = MIGRATIONS[v];
      if (!migrate) {
        this.setAside(`no migration from settings version ${v}`);
        return;
      }
      data = { ...migrate(data), version: v + 1 };
    }
    data = { ...data, version: SETTINGS_VERSION };

    const { settings, reset } = parseRepairing(data);
    this.settings = settings;
    if (reset.length > 0 && !this.readOnly) {
      const copy = asideName(this.file);
      try {
        copyFileSync(this.file, copy);
      } catch (error) {
        this.log.warn('could not keep a copy of the settings file', { error: String(error) });
      }
      this.notice('settings-repaired', 'warning', 'Some settings were invalid and were reset',
        `${reset.join('; ')}. The other settings were kept; the file as it was is saved as ${copy}.`);
    }
  }

  update(patch: SettingsPatch): Settings {
    if (this.readOnly) {
      throw new WorkbenchError({ code: 'conflict', message: 'settings are read-only this session (see the notice about the settings file)', where: this.file });
    }
    const next = Settings.parse({
      ...this.settings,
      appearance: { ...this.settings.appearance, ...patch.appearance },
      terminal: { ...this.settings.terminal, ...patch.terminal },
      ssh: { ...this.settings.ssh, ...patch.ssh },
      fleet: { ...this.settings.fleet, ...patch.fleet },
      kube: { ...this.settings.kube, ...patch.kube },
    });
    writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.settings = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  private setAside(why: string): void {
    const aside = asideName(this.file);
    try {
      renameSync(this.file, aside);
      this.notice('settings-corrupt', 'warning', 'Settings file was unreadable and has been set aside',
        `${this.file} could not be used: ${why}. It was moved to ${aside} so nothing is lost; defaults are in use.`, this.file);
    } catch (error) {
      // Could not move it: do not risk overwriting it either.
      this.readOnly = true;
      this.notice('settings-corrupt', 'error', 'Settings file is unreadable',
        `${this.file} could not be used: ${why}. Moving it aside failed (${(error as Error).message}); defaults are in use and the file is left untouched.`, this.file);
    }
    this.settings = defaultSettings();
  }

  private notice(id: string, level: Notice['level'], title: string, message: string, where?: string): void {
    this.notices.push(where ? { id, level, title, message, where } : { id, level, title, message });
    this.log.warn(`${title}: ${message}`);
  }
}

function withLocation(location: string | undefined): string {
  return location ? ` (${location})` : '';
}

/** Parse, and where a field is invalid drop it (so its default applies); report each one. */
function parseRepairing(input: Record<string, unknown>): { settings: Settings; reset: string[] } {
  const data = structuredClone(input);
  const reset: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const result = Settings.safeParse(data);
    if (result.success) return { settings: result.data, reset };
    for (const issue of result.error.issues) {
      const keyPath = issue.path.map(String);
      reset.push(`${keyPath.join('.') || '(file)'}: ${issue.message.replace(/^Invalid input: /, '')}`);
      if (!deletePath(data, keyPath)) return { settings: defaultSettings(), reset };
    }
  }
  return { settings: defaultSettings(), reset };
}

function deletePath(target: Record<string, unknown>, keyPath: string[]): boolean {
  if (keyPath.length === 0 || keyPath[0] === 'version') return false;
  let node: unknown = target;
  for (const key of keyPath.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return false;
    node = (node as Record<string, unknown>)[key];
  }
  if (typeof node !== 'object' || node === null) return false;
  delete (node as Record<string, unknown>)[keyPath[keyPath.length - 1]!];
  return true;
}
