import { z } from 'zod';

export const TerminalId = z.string().min(1).max(64);

const Size = {
  cols: z.number().int().min(2).max(2000),
  rows: z.number().int().min(1).max(1000),
};

export const OpenTerminalRequest = z.object({
  kind: z.literal('local').default('local'),
  ...Size,
  /** Start directory; the home directory when absent. */
  cwd: z.string().min(1).max(4096).optional(),
});

export const TerminalInfo = z.object({
  id: TerminalId,
  kind: z.literal('local'),
  title: z.string(),
  /** The program running as the session's shell. */
  shell: z.string(),
  pid: z.number().int(),
});
export type TerminalInfo = z.infer<typeof TerminalInfo>;

/** What a terminal's output stream carries. Data is sized in characters for flow control. */
export const TerminalEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('data'), data: z.string() }),
  z.object({ type: z.literal('exit'), exitCode: z.number().int(), signal: z.number().int().nullable() }),
]);
export type TerminalEvent = z.infer<typeof TerminalEvent>;

export const WriteTerminal = z.object({ id: TerminalId, data: z.string().max(1_000_000) });
export const ResizeTerminal = z.object({ id: TerminalId, ...Size });

export const TerminalBusy = z.object({
  /** True when a program other than the shell runs in the foreground. */
  busy: z.boolean(),
  /** That program's name. */
  process: z.string().optional(),
});
