// The names on `window.workbench`: the contract's calls and nothing else. A
// change to this list widens (or narrows) what the page can ask of main, and
// should be read as such in review.
import { describe, expect, it } from 'vitest';
import { RpcClient } from '../shared/rpc/client';
import { createWorkbenchBridge } from './bridge';

describe('window.workbench', () => {
  it('exposes exactly the contract', () => {
    const client = new RpcClient({ send: () => {}, onMessage: () => () => {}, onClose: () => () => {} });
    const bridge = createWorkbenchBridge(client, { getPathForFile: () => '/dropped' });
    const surface = [
      ...Object.keys(bridge).filter((k) => k !== 'calls'),
      ...Object.entries(bridge.calls).flatMap(([ns, fns]) => Object.keys(fns).map((m) => `calls.${ns}.${m}`)),
    ];
    expect(surface).toMatchInlineSnapshot(`
      [
        "onNotice",
        "onClose",
        "pathForFile",
        "calls.app.info",
        "calls.app.openExternal",
        "calls.app.diagnostics",
        "calls.settings.get",
        "calls.settings.update",
        "calls.hosts.list",
        "calls.hosts.changes",
        "calls.hosts.save",
        "calls.hosts.remove",
        "calls.hosts.importAnsible",
        "calls.ssh.prompts",
        "calls.ssh.answer",
        "calls.ssh.states",
        "calls.ssh.disconnect",
        "calls.ssh.forget",
        "calls.sftp.list",
        "calls.sftp.listLocal",
        "calls.sftp.mkdir",
        "calls.sftp.rename",
        "calls.sftp.remove",
        "calls.sftp.transfer",
        "calls.forwards.list",
        "calls.forwards.start",
        "calls.forwards.stop",
        "calls.forwards.changes",
        "calls.fleet.health",
        "calls.fleet.sweepNow",
        "calls.fleet.run",
        "calls.fleet.history",
        "calls.fleet.historyRun",
        "calls.snippets.list",
        "calls.snippets.save",
        "calls.snippets.remove",
        "calls.kube.contexts",
        "calls.kube.contextsChanged",
        "calls.kube.connect",
        "calls.kube.disconnect",
        "calls.kube.connections",
        "calls.kube.view",
        "calls.kube.get",
        "calls.kube.apply",
        "calls.kube.events",
        "calls.kube.related",
        "calls.kube.scale",
        "calls.kube.restart",
        "calls.kube.delete",
        "calls.kube.cordon",
        "calls.kube.drain",
        "calls.kube.forwards",
        "calls.kube.forward",
        "calls.kube.stopForward",
        "calls.kube.forwardChanges",
        "calls.cloud.profiles",
        "calls.cloud.instances",
        "calls.cloud.act",
        "calls.cloud.tags",
        "calls.cloud.import",
        "calls.cloud.schedules",
        "calls.cloud.saveSchedule",
        "calls.cloud.removeSchedule",
        "calls.cloud.preview",
        "calls.cloud.runSchedule",
        "calls.cloud.history",
        "calls.logs.open",
        "calls.logs.add",
        "calls.logs.close",
        "calls.logs.events",
        "calls.logs.window",
        "calls.logs.histogram",
        "calls.logs.export",
        "calls.terminals.open",
        "calls.terminals.close",
        "calls.terminals.busy",
        "calls.terminals.reconnect",
        "calls.terminals.output",
        "calls.terminals.write",
        "calls.terminals.resize",
      ]
    `);
    for (const value of Object.values(bridge.calls).flatMap((fns) => Object.values(fns))) expect(typeof value).toBe('function');
  });
});
