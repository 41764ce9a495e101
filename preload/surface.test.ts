// The names on `window.workbench`: the contract's calls and nothing else. A
// change to this list widens (or narrows) what the page can ask of main, and
// should be read as such in review.
import { describe, expect, it } from 'vitest';
import { contract } from '../shared/contract';
import { buildBridge } from '../shared/rpc/bridge';
import { RpcClient } from '../shared/rpc/client';

describe('window.workbench', () => {
  it('exposes exactly the contract', () => {
    const client = new RpcClient({ send: () => {}, onMessage: () => () => {}, onClose: () => () => {} });
    const bridge = buildBridge(contract, client);
    const surface = [
      ...Object.keys(bridge).filter((k) => k !== 'calls'),
      ...Object.entries(bridge.calls).flatMap(([ns, fns]) => Object.keys(fns).map((m) => `calls.${ns}.${m}`)),
    ];
    expect(surface).toMatchInlineSnapshot(`
      [
        "onNotice",
        "onClose",
        "calls.app.info",
        "calls.app.openExternal",
        "calls.settings.get",
        "calls.settings.update",
        "calls.terminals.open",
        "calls.terminals.close",
        "calls.terminals.busy",
        "calls.terminals.output",
        "calls.terminals.write",
        "calls.terminals.resize",
      ]
    `);
    for (const value of Object.values(bridge.calls).flatMap((fns) => Object.values(fns))) expect(typeof value).toBe('function');
  });
});
