// The Cloud view in Chromium against the EC2 test endpoint (the real AWS SDK
// in main signs every request), with instances whose addresses are real sshd
// test hosts.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startEc2Endpoint, type Ec2Endpoint } from './fixtures/cloud';
import { expect, terminalText, test as base } from './fixtures/workbench';

interface Cloud {
  endpoint: Ec2Endpoint;
  ids: { api: string; dev: string; worker: string };
}

const ADMIN = { accessKeyId: 'AKIAE2EADMIN00000001', secretAccessKey: 'e2e-admin-secret' };
const VIEWER = { accessKeyId: 'AKIAE2EVIEWER0000001', secretAccessKey: 'e2e-viewer-secret', deny: ['StopInstances', 'StartInstances', 'TerminateInstances', 'RebootInstances'] };

const test = base.extend<{ cloud: Cloud }>({
  cloud: async ({ app }, use) => {
    const endpoint = await startEc2Endpoint({ transitionMs: 800, credentials: [ADMIN, VIEWER] });
    const dir = path.join(app.home, '.aws');
    mkdirSync(dir, { recursive: true });
    await endpoint.writeAwsConfig(dir, [
      { name: 'default', region: 'us-east-1', ...ADMIN },
      { name: 'viewer', region: 'us-east-1', accessKeyId: VIEWER.accessKeyId, secretAccessKey: VIEWER.secretAccessKey },
    ]);
    const ids = {
      api: endpoint.addInstance({ region: 'us-east-1', name: 'api-1', tags: { env: 'prod' } }),
      dev: endpoint.addInstance({ region: 'us-east-1', name: 'dev-1', tags: { env: 'dev' } }),
      worker: endpoint.addInstance({ region: 'eu-west-1', name: 'worker-eu', tags: { env: 'prod' } }),
    };
    await use({ endpoint, ids });
    await endpoint.stop();
  },
});

async function openCloud(page: Page, profile = 'default', regions = ['us-east-1', 'eu-west-1']): Promise<void> {
  await page.reload();
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Cloud' }).click();
  await page.getByTestId('cloud-profile-select').selectOption(profile);
  await page.getByTestId('cloud-region-select').click();
  for (const region of regions) {
    const option = page.getByTestId(`cloud-region-option-${region}`);
    if ((await option.getAttribute('aria-checked')) !== 'true' && (await option.getAttribute('aria-selected')) !== 'true' && !(await option.locator('input').isChecked().catch(() => false))) await option.click();
  }
  await page.keyboard.press('Escape');
}

test('instances from two regions; stop one and watch it reach stopped', async ({ app, cloud }) => {
  const { page } = app;
  await openCloud(page);
  await expect(page.getByTestId(`cloud-row-${cloud.ids.api}`)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId(`cloud-row-${cloud.ids.worker}`)).toBeVisible();
  await expect(page.getByTestId(`cloud-row-${cloud.ids.worker}`)).toContainText('eu-west-1');
  await page.getByTestId(`cloud-row-check-${cloud.ids.dev}`).click();
  await page.getByTestId('cloud-stop').click();
  await expect(page.getByTestId(`cloud-row-${cloud.ids.dev}`)).toHaveAttribute('data-state', /stopping|stopped/, { timeout: 10_000 });
  await expect(page.getByTestId(`cloud-row-${cloud.ids.dev}`)).toHaveAttribute('data-state', 'stopped', { timeout: 15_000 });
  expect(cloud.endpoint.instance(cloud.ids.dev)?.state).toBe('stopped');
  await page.screenshot({ path: test.info().outputPath('instances.png') });
});

test('a denied action shows its AWS error code', async ({ app, cloud }) => {
  const { page } = app;
  await openCloud(page, 'viewer', ['us-east-1']);
  await page.getByTestId(`cloud-row-check-${cloud.ids.api}`).click();
  await page.getByTestId('cloud-stop').click();
  await expect(page.getByTestId('cloud-error')).toContainText('UnauthorizedOperation', { timeout: 10_000 });
  expect(cloud.endpoint.instance(cloud.ids.api)?.state).toBe('running');
});

test('a schedule\'s preview, then its run stops the tagged instances', async ({ app, cloud }) => {
  const { page } = app;
  await openCloud(page, 'default', ['us-east-1']);
  await expect(page.getByTestId(`cloud-row-${cloud.ids.dev}`)).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('cloud-tab-schedules').click();
  await page.getByTestId('cloud-schedule-new').click();
  await page.getByTestId('cloud-schedule-name').fill('dev hours');
  await page.getByTestId('cloud-schedule-tag').fill('env=dev');
  // A running window that is not now, on every day: the dev instance should be stopped now.
  const hour = (new Date().getHours() + 12) % 24;
  const hh = String(hour).padStart(2, '0');
  const next = String((hour + 1) % 24).padStart(2, '0');
  await page.getByTestId('cloud-schedule-start').fill(`${hh}:00`);
  await page.getByTestId('cloud-schedule-end').fill(`${next}:00`);
  for (let day = 0; day < 7; day++) {
    const toggle = page.getByTestId(`cloud-schedule-day-${day}`);
    if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  }
  await page.getByTestId('cloud-schedule-save').click();
  await page.getByTestId('cloud-schedule-preview').click();
  await expect(page.getByTestId('cloud-preview-stop')).toContainText('dev-1', { timeout: 10_000 });
  await expect(page.getByTestId('cloud-preview-stop')).not.toContainText('api-1');
  await page.getByTestId('cloud-schedule-run').click();
  await expect.poll(() => cloud.endpoint.instance(cloud.ids.dev)?.state, { timeout: 10_000 }).toMatch(/stopping|stopped/);
  expect(cloud.endpoint.instance(cloud.ids.api)?.state).toBe('running');
  await page.getByTestId('cloud-tab-history').click();
  await expect(page.getByTestId('cloud-history-row').first()).toContainText('dev hours');
  await page.screenshot({ path: test.info().outputPath('schedule.png') });
});

test('import two instances into the fleet and open a terminal to one', async ({ app, cloud, lab }) => {
  const { page } = app;
  const one = await lab.start('ec2-one');
  const two = await lab.start('ec2-two');
  await lab.install(app.home, [], [one, two]);
  const a = cloud.endpoint.addInstance({ region: 'us-east-1', name: 'box-one', publicIp: one.host, tags: { 'ssh-port': String(one.port) } });
  const b = cloud.endpoint.addInstance({ region: 'us-east-1', name: 'box-two', publicIp: two.host, tags: { 'ssh-port': String(two.port) } });
  await openCloud(page, 'default', ['us-east-1']);
  await page.getByTestId(`cloud-row-check-${a}`).click();
  await page.getByTestId(`cloud-row-check-${b}`).click();
  await page.getByTestId('cloud-import').click();
  await page.getByTestId('cloud-import-user').fill(lab.user);
  await page.getByTestId('cloud-import-identity').fill(lab.keys.plain.privateKeyPath);
  await page.getByTestId('cloud-import-confirm').click();
  await expect(page.getByTestId('cloud-import-result')).toContainText('box-one');
  await expect(page.getByTestId('cloud-import-result')).toContainText('box-two');
  await page.getByTestId('cloud-import-dialog').getByRole('button', { name: 'Close' }).click();

  // Both are hosts now.
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
  await expect(page.locator('.host-row[data-host-id="box-one"]')).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('.host-row[data-host-id="box-two"]')).toBeVisible();

  // One click from the instance to a shell on it.
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Cloud' }).click();
  await page.getByTestId(`cloud-row-${a}`).dblclick();
  await page.getByTestId('cloud-ssh').click();
  const pane = page.locator('.terminal-pane[data-connection="connected"]');
  await expect(pane).toHaveCount(1, { timeout: 20_000 });
  const paneId = (await pane.getAttribute('data-pane-id'))!;
  await pane.locator('.terminal-host').click();
  await page.keyboard.type('echo on-$WB_HOST\n');
  await expect.poll(() => terminalText(page, paneId), { timeout: 10_000 }).toContain('on-ec2-one');
});
