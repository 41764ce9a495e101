// The one contract between renderer and main. Every call is declared here,
// once; the preload, the renderer's transports and main's dispatcher are all
// derived from this object. Adding a capability is adding a namespace.
import { z } from 'zod';
import { AppInfo, ExternalUrl } from './app';
import { call, input, stream, type ContractShape } from './define';
import { Settings, SettingsPatch, SettingsState } from './settings';
import { OpenTerminalRequest, ResizeTerminal, TerminalBusy, TerminalEvent, TerminalId, TerminalInfo, WriteTerminal } from './terminals';

const Empty = z.object({}).strict();

export const contract = {
  app: {
    info: call('Which host, version and data directory; notices from start-up.', Empty, AppInfo),
    openExternal: call('Open an http(s) link in the system browser (desktop) or a new tab (web).', ExternalUrl, z.object({ opened: z.boolean() })),
  },
  settings: {
    get: call('The settings in force and any problem found loading them.', Empty, SettingsState),
    update: call('Change some settings; returns all of them as saved.', SettingsPatch, Settings),
  },
  terminals: {
    open: call('Start a terminal session (a local login shell).', OpenTerminalRequest, TerminalInfo),
    close: call('End a session: its process is killed if still running.', z.object({ id: TerminalId }), z.object({ closed: z.boolean() })),
    busy: call('Whether a command is running in the session (ask before closing).', z.object({ id: TerminalId }), TerminalBusy),
    output: stream('A session\'s output, batched, then its exit status.', z.object({ id: TerminalId }), TerminalEvent),
    write: input('Keystrokes or pasted text for a session.', WriteTerminal),
    resize: input('The terminal view changed size.', ResizeTerminal),
  },
} as const satisfies ContractShape;

export type Contract = typeof contract;

export * from './define';
export * from './errors';
export * from './notices';
export * from './settings';
export * from './terminals';
export * from './app';
