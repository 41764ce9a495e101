import { describe, expect, it } from 'vitest';
import { sourceColor, sourceHue } from './colors';

describe('source colours', () => {
  it('are stable per id and differ between ids', () => {
    expect(sourceHue('web-1/nginx')).toBe(sourceHue('web-1/nginx'));
    const hues = new Set(['web-1/nginx', 'web-2/nginx', 'db-1:/var/log/syslog', 'api-7f9/app'].map(sourceHue));
    expect(hues.size).toBe(4);
    for (const h of hues) expect(h >= 0 && h < 360).toBe(true);
    expect(sourceColor('x')).toMatch(/^hsl\(\d+ 65% var\(--logs-source-l, 62%\)\)$/);
  });
});
