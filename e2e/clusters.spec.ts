// The cluster browser in Chromium against the test API server, with the real
// kubectl changing the cluster underneath it.
import http from 'node:http';
import type { Page } from '@playwright/test';
import { test } from './fixtures/cluster';
import { expect, terminalText } from './fixtures/workbench';

async function openCluster(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Clusters' }).click();
  await page.getByTestId('cluster-context-test-cluster').click();
  await expect(page.getByTestId('cluster-connection-state').first()).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
}

async function showKind(page: Page, resource: string): Promise<void> {
  await page.getByTestId(`kind-${resource}`).click();
  await expect(page.getByTestId('kube-status')).toHaveAttribute('data-phase', 'watching', { timeout: 15_000 });
}

const rowsNamed = (page: Page, prefix: string) => page.locator(`[data-testid^="kube-row-${prefix}"]`);

test('pick a context and list pods; a pod kubectl creates shows within a second', async ({ app, cluster }) => {
  const { page } = app;
  await openCluster(page);
  await showKind(page, 'pods');
  await expect(rowsNamed(page, 'web-')).toHaveCount(2);
  await expect(rowsNamed(page, 'web-').first()).toContainText('Running');
  await cluster.kubectl('run', 'from-kubectl', '--image=busybox', '--restart=Never');
  await expect(page.getByTestId('kube-row-from-kubectl')).toBeVisible({ timeout: 1000 });
  await page.screenshot({ path: test.info().outputPath('pods.png') });
});

test('a 410 during the watch loses no pod', async ({ app, cluster }) => {
  const { page } = app;
  await openCluster(page);
  await showKind(page, 'pods');
  const before = Number(await page.getByTestId('kube-table').getAttribute('data-total'));
  cluster.server.expireWatches();
  await cluster.kubectl('run', 'after-expiry', '--image=busybox', '--restart=Never');
  await expect(page.getByTestId('kube-row-after-expiry')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('kube-table')).toHaveAttribute('data-total', String(before + 1));
  await expect(page.getByTestId('kube-status')).toHaveAttribute('data-phase', 'watching');
});

test('scale a deployment from the UI and the pods follow', async ({ app, cluster }) => {
  const { page } = app;
  await openCluster(page);
  await showKind(page, 'pods');
  await expect(rowsNamed(page, 'web-')).toHaveCount(2);
  await showKind(page, 'deployments');
  await page.getByTestId('kube-row-web').dblclick();
  await expect(page.getByTestId('kube-details')).toBeVisible();
  await page.getByTestId('kube-scale').click();
  await page.getByTestId('kube-scale-input').fill('4');
  await page.getByTestId('kube-scale-confirm').click();
  await expect.poll(() => cluster.kubectl('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}')).toBe('4');
  await expect(page.getByTestId('kube-row-web')).toContainText('4/4', { timeout: 10_000 });
  await showKind(page, 'pods');
  await expect(rowsNamed(page, 'web-')).toHaveCount(4, { timeout: 10_000 });
});

test('edit YAML: kubectl changed the object first, so applying says so', async ({ app, cluster }) => {
  const { page } = app;
  await openCluster(page);
  await showKind(page, 'configmaps');
  await page.locator('[data-testid^="kube-row-"]').first().waitFor();
  const name = (await cluster.kubectl('get', 'configmaps', '-n', 'default', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
  await page.getByTestId(`kube-row-${name}`).dblclick();
  await page.getByTestId('kube-details-tab-yaml').click();
  await page.getByTestId('kube-edit').click();
  const editor = page.getByTestId('kube-yaml-editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n# edited in the workbench');
  await cluster.kubectl('annotate', 'configmap', name, '-n', 'default', 'changed-by=kubectl');
  await page.getByTestId('kube-apply').click();
  await expect(page.getByTestId('kube-conflict')).toContainText('changed on the cluster since you opened it');
  await page.screenshot({ path: test.info().outputPath('conflict.png') });
});

test('exec echo in a pod, in a terminal tab', async ({ app, cluster }) => {
  const { page } = app;
  await openCluster(page);
  await showKind(page, 'pods');
  const pod = (await cluster.kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
  await page.getByTestId(`kube-row-${pod}`).dblclick();
  await page.getByTestId('kube-exec').click();
  const pane = page.locator('.terminal-pane').last();
  await expect(pane).toBeVisible({ timeout: 15_000 });
  const paneId = (await pane.getAttribute('data-pane-id'))!;
  await expect.poll(() => terminalText(page, paneId), { timeout: 15_000 }).toMatch(/[#$] ?$/m);
  await pane.locator('.terminal-host').click();
  await page.keyboard.type('echo hello-from-$HOSTNAME\n');
  await expect.poll(() => terminalText(page, paneId), { timeout: 10_000 }).toContain(`hello-from-${pod}`);
});

test('port-forward to a pod and fetch through it', async ({ app, cluster }) => {
  const { page } = app;
  await openCluster(page);
  await showKind(page, 'pods');
  const pod = (await cluster.kubectl('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}')).trim();
  await page.getByTestId(`kube-row-${pod}`).dblclick();
  await page.getByTestId('kube-port-forward').click();
  await page.getByTestId('kube-pf-pod-port').fill('80');
  await page.getByTestId('kube-pf-start').click();
  const result = page.getByTestId('kube-pf-result');
  await expect(result).toContainText('127.0.0.1:', { timeout: 10_000 });
  const port = Number(/127\.0\.0\.1:(\d+)/.exec((await result.textContent())!)![1]);
  const body = await new Promise<string>((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve(text));
    }).on('error', reject);
  });
  expect(body).toContain(`hello from default/${pod}:80`);
});
