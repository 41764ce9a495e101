export { TerminalService, type TerminalServiceDeps } from './service';
export type { TerminalSession, ExitStatus } from './session';
export { LocalPtySession, resolveShell } from './local-pty';
