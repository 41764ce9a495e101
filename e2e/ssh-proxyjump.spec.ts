import { startNetnsTopology } from './fixtures/ssh/netns';
import { expect, showHost, terminalText, test, typeInPane, waitForConnectedPanes } from './fixtures/workbench';

test('a host only the bastion can reach opens through ProxyJump', async ({ app, lab }) => {
  const topology = await startNetnsTopology({ authorizedKeys: [lab.keys.plain.publicKey] });
  lab.defer(() => topology.stop());
  await lab.install(
    app.home,
    [
      { name: 'bastion', host: topology.bastion.host, port: topology.bastion.port },
      { name: 'private-db', host: topology.target.hostFromBastion, port: topology.target.port, proxyJump: 'bastion' },
    ],
    [
      { host: topology.bastion.host, port: topology.bastion.port, hostPublicKeys: topology.bastion.hostPublicKeys },
      { host: topology.target.hostFromBastion, port: topology.target.port, hostPublicKeys: topology.target.hostPublicKeys },
    ],
  );
  const { page } = app;
  const row = await showHost(page, 'private-db');
  await expect(row).toContainText('via bastion');
  await row.dblclick();
  const [pane] = await waitForConnectedPanes(page, 1);
  await typeInPane(page, pane!, 'echo "behind=$WB_HOST"\n');
  await expect.poll(() => terminalText(page, pane!)).toMatch(new RegExp(`^behind=${topology.target.sshd.name}$`, 'm'));
});
