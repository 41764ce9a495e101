import type { TerminalController } from './controller';

/** The live xterm controllers by pane id. Kept out of the store: they are objects with DOM, not state. */
export const controllers = new Map<string, TerminalController>();
