/** The only Electron IPC channel: the preload hands main a MessagePort on it; everything else flows over that port. */
export const CONNECT_CHANNEL = 'workbench:connect';
