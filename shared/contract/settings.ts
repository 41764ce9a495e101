// The settings file's schema. It is versioned: a file written by an older
// version is migrated on load (main/services/store/settings), one written by a
// newer version is read but never overwritten.
import { z } from 'zod';
import { Notice } from './notices';
import { FleetSettings } from './fleet';
import { KubeSettings } from './kube';
import { CloudSettings } from './cloud';
import { LogSettings } from './logs';
import { DeploySettings } from './deploy';

export const SETTINGS_VERSION = 1;

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreference>;

export const TerminalSettings = z.object({
  /** Lines of scrollback kept per terminal. */
  scrollback: z.number().int().min(0).max(1_000_000).default(10_000),
  fontSize: z.number().min(6).max(48).default(13),
  fontFamily: z.string().min(1).max(300).default('"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace'),
  /** Empty: the user's login shell ($SHELL, else /bin/bash). */
  shell: z.string().max(4096).default(''),
  cursorBlink: z.boolean().default(true),
  copyOnSelect: z.boolean().default(false),
  /** Ask before closing a terminal whose shell is running a command. */
  confirmCloseRunning: z.boolean().default(true),
  /** `auto` uses WebGL where the GPU allows it and falls back to the DOM renderer. */
  renderer: z.enum(['auto', 'webgl', 'dom']).default('auto'),
});
export type TerminalSettings = z.infer<typeof TerminalSettings>;

export const SshSettings = z.object({
  /** Extra ssh config files read after ~/.ssh/config (the sandbox's, a team's). */
  configFiles: z.array(z.string().max(4096)).max(20).default([]),
  /** How many times a dropped connection is retried before it is marked failed. */
  reconnectAttempts: z.number().int().min(0).max(100).default(8),
  /** The first retry waits this long; each next one twice as long (at most 30 s). */
  reconnectFirstDelayMs: z.number().int().min(100).max(60_000).default(1000),
});
export type SshSettings = z.infer<typeof SshSettings>;

export const Settings = z.object({
  version: z.literal(SETTINGS_VERSION),
  appearance: z.object({ theme: ThemePreference.default('system') }).prefault({}),
  terminal: TerminalSettings.prefault({}),
  ssh: SshSettings.prefault({}),
  fleet: FleetSettings.prefault({}),
  kube: KubeSettings.prefault({}),
  cloud: CloudSettings.prefault({}),
  logs: LogSettings.prefault({}),
  deploy: DeploySettings.prefault({}),
});
export type Settings = z.infer<typeof Settings>;

/** What the renderer may change: any subset of the sections. */
export const SettingsPatch = z.object({
  appearance: Settings.shape.appearance.unwrap().partial().optional(),
  terminal: TerminalSettings.partial().optional(),
  ssh: SshSettings.partial().optional(),
  fleet: FleetSettings.partial().optional(),
  kube: KubeSettings.partial().optional(),
  cloud: CloudSettings.partial().optional(),
  logs: LogSettings.partial().optional(),
  deploy: DeploySettings.partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const SettingsState = z.object({
  settings: Settings,
  /** Where the file lives, to show the user. */
  path: z.string(),
  /** True when the file was written by a newer version: shown, never overwritten. */
  readOnly: z.boolean(),
  notices: z.array(Notice),
});
export type SettingsState = z.infer<typeof SettingsState>;

export function defaultSettings(): Settings {
  return Settings.parse({ version: SETTINGS_VERSION });
}
