// Remembers the main window's size, position and maximised state between runs,
// and never restores it off-screen (a monitor may have been unplugged).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../services/store';

const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function loadWindowState(file: string): WindowState | undefined {
  try {
    const parsed = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  writeFileAtomic(file, `${JSON.stringify(state)}\n`);
}

/** The saved bounds if at least a usable part of the window lands on one of the displays. */
export function visibleBounds(state: WindowState | undefined, workAreas: Rect[]): Rect | undefined {
  if (!state) return undefined;
  const visible = workAreas.some((area) => {
    const overlapX = Math.min(state.x + state.width, area.x + area.width) - Math.max(state.x, area.x);
    const overlapY = Math.min(state.y + state.height, area.y + area.height) - Math.max(state.y, area.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  return visible ? { x: state.x, y: state.y, width: state.width, height: state.height } : undefined;
}
