// The colour a status word gets, as Lens and k9s colour them: healthy green,
// in-between yellow, broken red, going away grey.

export type StatusTone = 'ok' | 'warn' | 'bad' | 'muted' | 'none';

const OK = new Set(['running', 'ready', 'active', 'bound', 'available', 'complete', 'normal', 'true', 'established', 'healthy']);
const WARN = new Set(['pending', 'containercreating', 'podinitializing', 'waiting', 'suspended', 'schedulingdisabled', 'released', 'progressing', 'unknown', 'warning']);
const BAD = new Set([
  'failed', 'crashloopbackoff', 'error', 'notready', 'imagepullbackoff', 'errimagepull', 'invalidimagename', 'createcontainerconfigerror',
  'createcontainererror', 'oomkilled', 'evicted', 'lost', 'nodelost', 'containercannotrun', 'deadlineexceeded', 'backoff', 'false',
]);
const MUTED = new Set(['terminating', 'completed', 'succeeded', 'terminated']);

function toneOfWord(word: string): StatusTone {
  const w = word.trim().toLowerCase();
  if (!w) return 'none';
  if (BAD.has(w) || w.startsWith('init:error') || w.startsWith('init:crashloop') || w.startsWith('exitcode:') || w.startsWith('signal:') || w.startsWith('init:exitcode') || w.startsWith('init:signal')) return 'bad';
  if (MUTED.has(w)) return 'muted';
  if (WARN.has(w) || w.startsWith('init:')) return 'warn';
  if (OK.has(w)) return 'ok';
  return 'none';
}

const RANK: Record<StatusTone, number> = { bad: 4, warn: 3, muted: 2, ok: 1, none: 0 };

/**
 * "Ready,SchedulingDisabled" is a cordoned node: each comma-separated word is
 * judged and the most alarming wins (red over yellow over grey over green).
 */
export function statusTone(text: string | number | null | undefined): StatusTone {
  if (text === null || text === undefined) return 'none';
  let best: StatusTone = 'none';
  for (const word of String(text).split(',')) {
    const tone = toneOfWord(word);
    if (RANK[tone] > RANK[best]) best = tone;
  }
  return best;
}
