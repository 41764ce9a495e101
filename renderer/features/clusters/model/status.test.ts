import { describe, expect, it } from 'vitest';
import { statusTone } from './status';

describe('statusTone', () => {
  it.each([
    ['Running', 'ok'],
    ['Ready', 'ok'],
    ['Active', 'ok'],
    ['Pending', 'warn'],
    ['ContainerCreating', 'warn'],
    ['Init:0/2', 'warn'],
    ['Failed', 'bad'],
    ['CrashLoopBackOff', 'bad'],
    ['Error', 'bad'],
    ['NotReady', 'bad'],
    ['Init:CrashLoopBackOff', 'bad'],
    ['ExitCode:137', 'bad'],
    ['Terminating', 'muted'],
    ['Completed', 'muted'],
    ['Ready,SchedulingDisabled', 'warn'],
    ['NotReady,SchedulingDisabled', 'bad'],
    ['Whatever', 'none'],
    [null, 'none'],
  ])('%s is %s', (text, tone) => {
    expect(statusTone(text)).toBe(tone);
  });
});
