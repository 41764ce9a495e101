import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { call, input, stream, type ContractShape } from '../../../shared/contract/define';
import { WorkbenchError, type WorkbenchErrorData } from '../../../shared/contract/errors';
import { toDisposable } from '../../../shared/lib/disposable';
import { createApi, RpcClient } from '../../../shared/rpc/client';
import { createLogger } from '../log';
import { memoryCarrierPair, sendRaw } from './memory-carrier';
import { RpcConnection } from './server';
import type { Handlers, StreamSink } from './types';

const testContract = {
  math: {
    add: call('adds', z.object({ a: z.number(), b: z.number() }), z.object({ sum: z.number() })),
    fail: call('fails', z.object({}), z.object({})),
    broken: call('replies outside its contract', z.object({}), z.object({ ok: z.boolean() })),
    ticks: stream('counts', z.object({ from: z.number().int() }), z.object({ n: z.number() }), { highWatermark: 10, lowWatermark: 2 }),
    poke: input('pokes', z.object({ times: z.number().int().positive() })),
  },
} as const satisfies ContractShape;

function setup() {
  const pair = memoryCarrierPair();
  const pokes: number[] = [];
  let sink: StreamSink<{ n: number }> | undefined;
  const pressure: boolean[] = [];
  const streamDisposed = vi.fn();
  const handlers: Handlers<typeof testContract> = {
    math: {
      add: ({ a, b }) => ({ sum: a + b }),
      fail: () => {
        throw new WorkbenchError({ code: 'not-found', message: 'nothing here', where: 'host-1' });
      },
      broken: () => ({ ok: 'yes' }) as unknown as { ok: boolean },
      ticks: (_params, s) => {
        sink = s;
        s.onPressure((paused) => pressure.push(paused));
        return toDisposable(streamDisposed);
      },
      poke: ({ times }) => void pokes.push(times),
    },
  };
  const log = createLogger('test', 'silent');
  const connection = new RpcConnection(testContract, () => handlers as unknown as Handlers<ContractShape>, pair.server, log, { validateEvents: true });
  const client = new RpcClient(pair.client);
  const api = createApi(testContract, client);
  return { pair, api, client, connection, pokes, pressure, streamDisposed, sink: () => sink! };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('RpcConnection', () => {
  it('answers a valid call', async () => {
    const { api } = setup();
    await expect(api.math.add({ a: 2, b: 40 })).resolves.toEqual({ sum: 42 });
  });

  it('rejects a payload that fails its schema, naming the call and the field, and keeps serving', async () => {
    const { api } = setup();
    const error = await api.math.add({ a: 1, b: 'two' as unknown as number }).catch((e: WorkbenchError) => e);
    expect(error).toBeInstanceOf(WorkbenchError);
    expect((error as WorkbenchError).toData()).toMatchObject({ code: 'invalid-request', call: 'math.add', field: 'b' });
    expect((error as WorkbenchError).message).toMatch(/expected number, received string/);
    await expect(api.math.add({ a: 1, b: 2 })).resolves.toEqual({ sum: 3 });
  });

  it('passes a handler\'s WorkbenchError through with its code and place', async () => {
    const { api } = setup();
    const error = (await api.math.fail({}).catch((e) => e)) as WorkbenchError;
    expect(error.toData()).toEqual({ code: 'not-found', message: 'nothing here', where: 'host-1', call: 'math.fail' });
  });

  it('refuses to send a reply that breaks the contract', async () => {
    const { api } = setup();
    const error = (await api.math.broken({}).catch((e) => e)) as WorkbenchError;
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/did not match the contract/);
  });

  it('answers unknown calls and malformed envelopes without dropping the connection', async () => {
    const { pair, client, api } = setup();
    const unknown = (await client.call('math.nope', {}, 1000).catch((e) => e)) as WorkbenchError;
    expect(unknown.code).toBe('unknown-call');
    const notices: WorkbenchErrorData[] = [];
    client.onNotice((e) => notices.push(e));
    sendRaw(pair.client, { t: 'call', id: 'seven', name: 'math.add' });
    sendRaw(pair.client, 'not even an object');
    await tick();
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatchObject({ code: 'invalid-request', field: 'id' });
    await expect(api.math.add({ a: 1, b: 1 })).resolves.toEqual({ sum: 2 });
  });

  it('reports a bad input message as a notice naming the call and field', async () => {
    const { client, api, pokes } = setup();
    const notices: WorkbenchErrorData[] = [];
    client.onNotice((e) => notices.push(e));
    api.math.poke({ times: -1 });
    api.math.poke({ times: 3 });
    await tick();
    expect(pokes).toEqual([3]);
    expect(notices).toEqual([expect.objectContaining({ code: 'invalid-request', call: 'math.poke', field: 'times' })]);
  });

  it('pauses a stream above the high watermark and resumes below the low one', async () => {
    const { api, sink, pressure } = setup();
    const received: number[] = [];
    const sub = api.math.ticks({ from: 0 }, { onEvent: (e) => received.push(e.n) });
    await tick();
    for (let n = 0; n < 12; n++) sink().emit({ n });
    expect(sink().paused).toBe(true);
    expect(pressure).toEqual([true]);
    await tick();
    expect(received).toHaveLength(12);
    sub.ack(5); // backlog 7: still above the low watermark
    await tick();
    expect(sink().paused).toBe(true);
    sub.ack(6); // backlog 1
    await tick();
    expect(sink().paused).toBe(false);
    expect(pressure).toEqual([true, false]);
  });

  it('ends the handler\'s resources on unsubscribe and on disconnect', async () => {
    const first = setup();
    const sub = first.api.math.ticks({ from: 0 }, { onEvent: () => {} });
    await tick();
    sub.close();
    await tick();
    expect(first.streamDisposed).toHaveBeenCalledTimes(1);
    expect(first.sink().signal.aborted).toBe(true);

    const second = setup();
    const ended = vi.fn();
    second.api.math.ticks({ from: 0 }, { onEvent: () => {}, onEnd: ended });
    await tick();
    second.pair.close();
    expect(second.streamDisposed).toHaveBeenCalledTimes(1);
    expect(ended).toHaveBeenCalledWith(expect.objectContaining({ code: 'unavailable' }));
    await expect(second.api.math.add({ a: 1, b: 1 })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('ends a subscription whose params fail the schema', async () => {
    const { api } = setup();
    const ended = await new Promise<WorkbenchErrorData | undefined>((resolve) => {
      api.math.ticks({ from: 1.5 }, { onEvent: () => {}, onEnd: resolve });
    });
    expect(ended).toMatchObject({ code: 'invalid-request', call: 'math.ticks', field: 'from' });
  });
});
