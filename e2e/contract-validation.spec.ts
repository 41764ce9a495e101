import { expect, test } from './fixtures/workbench';

test('a payload that violates the contract gets an error naming the call and the field; main keeps serving', async ({ app }) => {
  const { page } = app;
  const errors = await page.evaluate(async (host) => {
    if (host === 'electron') {
      // The preload's bridge, called with a payload the types would never allow.
      const calls = window.workbench!.calls as unknown as Record<string, Record<string, (req: unknown) => Promise<unknown>>>;
      const bad = await calls.terminals!.open!({ kind: 'local', cols: 'wide', rows: 24 });
      const good = await calls.settings!.get!({});
      return { bad, good };
    }
    // A second socket from the page itself (same origin, same cookie), speaking the raw protocol.
    const ws = new WebSocket(new URL('/rpc', location.href).href.replace('http', 'ws'));
    await new Promise((resolve) => ws.addEventListener('open', resolve, { once: true }));
    const replies: Record<number, unknown> = {};
    ws.addEventListener('message', (e) => {
      const message = JSON.parse(e.data as string);
      if (message.t === 'reply') replies[message.id] = message;
    });
    ws.send(JSON.stringify({ t: 'call', id: 1, name: 'terminals.open', payload: { kind: 'local', cols: 'wide', rows: 24 } }));
    ws.send(JSON.stringify({ t: 'call', id: 2, name: 'settings.get', payload: {} }));
    while (!replies[1] || !replies[2]) await new Promise((r) => setTimeout(r, 20));
    ws.close();
    return { bad: replies[1], good: replies[2] };
  }, app.host);
  expect(errors.bad).toMatchObject({ ok: false, error: { code: 'invalid-request', call: 'terminals.open', field: 'cols', message: expect.stringMatching(/expected number/) } });
  expect(errors.good).toMatchObject({ ok: true });
});
