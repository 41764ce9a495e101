// A release from the Deployments view in Chromium: the shipped "web-release"
// recipe to 4 real sshd hosts with a web app each — the form, the plan
// (batches of 3), one click, the live grid turning ok, every host serving
// the new version, and the run in the history.
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures/workbench';

test.use({ deployHosts: 4 });

async function theme(page: Page, name: 'dark' | 'light') {
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type(`theme ${name}`);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', name);
}

/** The same screen in both themes, for a look at the layout. */
async function screenshots(page: Page, name: string) {
  for (const t of ['dark', 'light'] as const) {
    await theme(page, t);
    await page.screenshot({ path: test.info().outputPath(`${name}-${t}.png`) });
  }
}

test('release a recipe to 4 hosts in batches of 3: plan, deploy, every host serves it, history lists it', async ({ app, deployLab: lab }) => {
  test.setTimeout(180_000);
  const { page } = app;
  const version = `2.0.${Date.now() % 100_000}`;
  await page.reload();
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Deployments' }).click();

  const recipe = page.locator('tr[data-recipe="web-release"]');
  await expect(recipe, 'the shipped example recipe is listed').toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('deploy-problem'), 'the shipped recipes load without problems').toHaveCount(0);
  await recipe.getByRole('button', { name: 'Run…' }).click();

  await page.locator('#deploy-param-version').fill(version);
  await page.locator('#deploy-param-deploy_path').fill(lab.deployPathTemplate);
  await page.locator('#deploy-param-port').fill(String(lab.appPort));
  await page.locator('#deploy-param-batch').fill('3');
  await page.locator('#deploy-param-log_file').fill(lab.logPathTemplate);

  // The plan: 4 hosts in a batch of 3 and a batch of 1, the rendered paths under the lab.
  const plan = page.getByTestId('deploy-plan');
  await expect(page.locator('.deploy-plan-column')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await expect(page.getByTestId('deploy-plan-error')).toHaveCount(0);
  const batches = plan.getByTestId('deploy-plan-batch');
  await expect(batches).toHaveCount(2);
  await expect(batches.nth(0)).toContainText('(3 targets)');
  await expect(batches.nth(1)).toContainText('(1 target)');
  await expect(plan).toContainText(`${lab.hosts[0]!.dir}/web`);
  await expect(plan, "the first target's logs, where the run view will read them").toContainText(`logs: ${lab.hosts[0]!.dir}/app.log`);
  await screenshots(page, 'deploy-plan');

  await page.getByTestId('deploy-start').click();
  const run = page.getByTestId('deploy-run');
  await expect(run).toBeVisible({ timeout: 20_000 });
  await expect(run.locator('.deploy-batch')).toHaveCount(2);
  await expect(run, 'the run succeeds').toHaveAttribute('data-status', 'succeeded', { timeout: 120_000 });
  const rows = run.locator('tr[data-target]');
  await expect(rows).toHaveCount(lab.hosts.length);
  await expect(run.locator('tr[data-target][data-status="ok"]')).toHaveCount(lab.hosts.length);
  await expect(run.locator('.deploy-cell[data-status="failed"], .deploy-cell[data-status="running"], .deploy-cell[data-status="pending"]')).toHaveCount(0);

  for (const host of lab.hosts) {
    const answer = await host.get('/version');
    expect(answer, `${host.name} serves the new version`).toEqual({ status: 200, body: `${version}\n` });
  }

  // The targets' logs beside the grid, opened with the run: each app's log over SSH, merged, with the health gate's
  // requests answered by the new version.
  const logs = run.getByTestId('deploy-logs');
  await expect(logs).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  for (const host of lab.hosts) await expect(logs.getByTestId(`logs-source-ssh:${host.name}:${lab.root}/${host.name}/app.log`)).toHaveAttribute('data-state', 'streaming', { timeout: 20_000 });
  // Each log is read from its last lines on, so each app's start-up line (written before the run) is there;
  // "Since the run began" hides it and keeps the lines the run caused.
  const filterInput = logs.getByPlaceholder(/^Filter/);
  const counts = logs.getByTestId('logs-counts');
  await filterInput.fill('listening on');
  await filterInput.press('Enter');
  await expect(counts).toHaveText(new RegExp(`^${lab.hosts.length} of `), { timeout: 20_000 });
  await logs.getByTestId('deploy-logs-since-run').click();
  await expect(logs.getByTestId('deploy-logs-since-run')).toHaveAttribute('aria-pressed', 'true');
  await expect(logs.getByTestId('logs-from')).not.toHaveValue('');
  await expect(counts, 'no app started after the run began').toHaveText(/^0 of /);
  await logs.getByRole('button', { name: 'Remove filter listening on' }).click();
  await expect(logs.locator('.logs-row', { hasText: 'GET /health' }).first(), "the run's own health checks are kept").toBeVisible({ timeout: 20_000 });
  await logs.getByTestId('deploy-logs-since-run').click();
  await expect(logs.getByTestId('logs-from')).toHaveValue('');
  // Found by the version field the app logs with each request (logfmt), as a user would: `@version=…` in the find bar.
  await logs.getByPlaceholder(/^Filter/).fill(`@version=${version}`);
  await logs.getByPlaceholder(/^Filter/).press('Enter');
  await expect(logs.locator('.logs-row', { hasText: 'GET /health' }).first()).toBeVisible({ timeout: 20_000 });
  await expect(logs.locator('.logs-row', { hasText: 'listening on' }), 'lines without that version are filtered out').toHaveCount(0);
  // A target's "logs": only its lines; again: every target's.
  const second = lab.hosts[1]!;
  await rows.nth(1).getByRole('button', { name: 'logs' }).click();
  await expect(logs.locator('.logs-row[data-source]').first()).toBeVisible();
  await expect.poll(async () => [...new Set(await logs.locator('.logs-row[data-source]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source'))))]).toEqual([`ssh:${second.name}:${lab.root}/${second.name}/app.log`]);

  // A step's output and detail show beside the grid.
  await rows.first().locator('.deploy-cell').first().click();
  await expect(page.getByTestId('deploy-output')).toContainText(lab.hosts[0]!.name);
  await screenshots(page, 'deploy-run');
  await rows.nth(1).getByRole('button', { name: 'logs' }).click();
  await expect.poll(async () => new Set(await logs.locator('.logs-row[data-source]').evaluateAll((els) => els.map((e) => e.getAttribute('data-source')))).size).toBeGreaterThan(1);

  // Open in the Logs view: the same view, as a tab there.
  await logs.getByRole('button', { name: 'Open in Logs view' }).click();
  await expect(page.getByTestId('logs-view')).toBeVisible();
  await expect(page.getByTestId('logs-view').getByRole('tab', { selected: true })).toContainText('web-release · run');
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Deployments' }).click();

  await page.getByRole('tablist', { name: 'Deployments' }).getByRole('tab', { name: 'History' }).click();
  const entry = page.locator('.deploy-history-row').first();
  await expect(entry).toHaveAttribute('data-status', 'succeeded', { timeout: 10_000 });
  await expect(entry).toContainText('web-release');
  await expect(entry).toContainText(`${lab.hosts.length}: ${lab.hosts.length} ok`);

  // Opened from the history: the same run view, read-only, with the outputs.
  await entry.click();
  await expect(page.getByTestId('deploy-run')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByRole('button', { name: 'Rerun with same parameters' })).toBeEnabled();
  await page.getByRole('button', { name: 'Rerun with same parameters' }).click();
  await expect(page.locator('#deploy-param-version')).toHaveValue(version);
  await expect(page.locator('#deploy-param-port')).toHaveValue(String(lab.appPort));

  // A host whose health check fails: the gate says why, its batch is rolled back, the old version is served again.
  const broken = lab.hosts[3]!;
  broken.breakHealth(true);
  await page.locator('#deploy-param-version').fill(`${version}-bad`);
  await expect(page.locator('.deploy-plan-column')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  await page.getByTestId('deploy-start').click();
  const failed = page.getByTestId('deploy-run');
  await expect(failed).toHaveAttribute('data-status', 'failed', { timeout: 120_000 });
  const brokenRow = failed.locator(`tr[data-target="${broken.name}"]`);
  await expect(brokenRow).toHaveAttribute('data-status', /failed|rolled-back/);
  await brokenRow.locator('.deploy-cell[data-status="failed"]').first().click();
  await expect(page.getByTestId('deploy-step-message')).toContainText('500');
  expect(await broken.get('/version')).toEqual({ status: 200, body: `${version}\n` });
  await screenshots(page, 'deploy-failed');

  // "Deploy…" on a host: the recipes, then a run form limited to that host.
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Hosts' }).click();
  await page.getByRole('button', { name: `Deploy to ${lab.hosts[1]!.name}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Deploying to ${lab.hosts[1]!.name} only` })).toBeVisible();
  await page.locator('tr[data-recipe="web-release"]').getByRole('button', { name: 'Run…' }).click();
  await expect(page.locator('.deploy-targets legend')).toContainText('1 of 4', { timeout: 20_000 });
  await expect(page.getByTestId('deploy-plan-batch')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByTestId('deploy-start')).toHaveText('Deploy to 1 target');
});

test('a malformed recipe is listed with its file, line, column, field and why', async ({ app }) => {
  const { page } = app;
  const dir = path.join(app.dataDir, 'recipes');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'broken.yaml');
  writeFileSync(file, 'name: broken\ntargets:\n  hosts: [web-1]\nsteps:\n  - name: health\n    gate:\n      http:\n        url: http://x/health\n        status: "ok"\n');
  await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Deployments' }).click();
  const problem = page.getByTestId('deploy-problem');
  await expect(problem).toHaveCount(1, { timeout: 20_000 });
  await expect(problem).toContainText(`${file}:9:17`);
  await expect(problem).toContainText('steps[0].gate.http.status');
  await expect(problem).toContainText('expected number');
  await expect(page.locator('tr[data-recipe="broken"]')).toHaveCount(0);
  await expect(page.locator('tr[data-recipe="web-release"]'), 'the good recipes still show').toBeVisible();

  // Fixed on disk: the list follows without a reload.
  writeFileSync(file, 'name: broken\ntargets:\n  hosts: [web-1]\nsteps:\n  - run: echo fixed\n');
  await expect(page.locator('tr[data-recipe="broken"]')).toBeVisible({ timeout: 20_000 });
  await expect(problem).toHaveCount(0);
});

test('a run waiting for an answer goes on in main across a reload, its lock refuses a second run naming it, and a stale lock is broken from Locks', async ({ app, deployLab: lab }) => {
  test.setTimeout(180_000);
  const { page } = app;
  const [host] = lab.hosts;
  const place = `${lab.root}/${host!.name}/gated`;
  const dir = path.join(app.dataDir, 'recipes');
  mkdirSync(dir, { recursive: true });
  // `release.path` puts the lock under the lab, beside where a Deployer-style release would live.
  writeFileSync(
    path.join(dir, 'gated.yaml'),
    `name: gated
targets: { hosts: ["${host!.name}"] }
release: { path: "${place}" }
lockStaleAfter: 5s
logs: { file: "${lab.logPathTemplate}" }
steps:
  - run: echo before the question
  - name: go ahead
    gate: { confirm: { message: "Switch ${host!.name} over now?" } }
  - run: echo after the answer
`,
  );
  await page.reload();
  const nav = page.getByRole('navigation', { name: 'Capabilities' });
  const tabs = page.getByRole('tablist', { name: 'Deployments' });
  await nav.getByRole('button', { name: 'Deployments' }).click();
  const openForm = async () => {
    await tabs.getByRole('tab', { name: 'Recipes' }).click();
    await page.locator('tr[data-recipe="gated"]').getByRole('button', { name: 'Run…' }).click();
    await expect(page.locator('.deploy-plan-column')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
  };
  await openForm();
  await page.getByTestId('deploy-start').click();
  const run = page.getByTestId('deploy-run');
  await expect(run.getByTestId('deploy-confirm')).toContainText(`Switch ${host!.name} over now?`, { timeout: 30_000 });

  // The window reloads (as a closed and reopened window would): the run went on in main and is still waiting.
  await page.reload();
  await nav.getByRole('button', { name: 'Deployments' }).click();
  await tabs.getByRole('tab', { name: 'Recipes' }).click();
  const running = page.getByRole('region', { name: 'Running now' }).locator('.deploy-running-item');
  await expect(running).toHaveCount(1, { timeout: 20_000 });
  await expect(running).toContainText('gated');

  // A second run on the same host, from the form: the plan shows the lock, and Deploy is refused naming the run.
  await openForm();
  const heldBy = page.locator('.deploy-lock-line').first();
  await expect(heldBy).toContainText(`${host!.name} is locked by run`, { timeout: 20_000 });
  await page.getByTestId('deploy-start').click();
  await expect(page.getByTestId('deploy-start-error')).toContainText(new RegExp(`${host!.name} is (being deployed|locked) by run [0-9a-f]{6}`), { timeout: 20_000 });

  // Back to the waiting run: re-attached, live (Approve works), with its output so far and its target's logs.
  await tabs.getByRole('tab', { name: 'Recipes' }).click();
  await running.click();
  await expect(run).toHaveAttribute('data-status', 'running');
  await run.locator(`tr[data-target="${host!.name}"] .deploy-cell`).first().click();
  await expect(page.getByTestId('deploy-output')).toContainText('before the question');
  await expect(run.getByTestId('deploy-logs')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await screenshots(page, 'deploy-waiting');
  await run.getByTestId('deploy-confirm').getByRole('button', { name: 'Approve' }).click();
  await expect(run).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await run.locator(`tr[data-target="${host!.name}"] .deploy-cell`).nth(2).click();
  await expect(page.getByTestId('deploy-output')).toContainText('after the answer');

  // A lock left by a run on another machine that died: Locks lists it as stale, and it is broken with a question.
  const lockFile = path.join(place, '.dep', 'deploy.lock');
  mkdirSync(path.dirname(lockFile), { recursive: true });
  writeFileSync(lockFile, JSON.stringify({ runId: 'dead01', recipe: 'gated', machine: 'laptop-7', user: 'alice', since: Date.now() - 600_000 }) + '\n');
  const old = (Date.now() - 120_000) / 1000;
  utimesSync(lockFile, old, old);
  await tabs.getByRole('tab', { name: 'Locks' }).click();
  const lock = page.getByTestId('deploy-locks').locator(`tr[data-target="${host!.name}"]`);
  await expect(lock).toHaveAttribute('data-stale', 'true', { timeout: 20_000 });
  await expect(lock).toContainText('laptop-7');
  await expect(lock).toContainText('alice');
  await lock.getByRole('button', { name: 'Break…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('run dead01 (gated) by alice@laptop-7');
  await expect(dialog).toContainText('has most likely died');
  await screenshots(page, 'deploy-break-lock');
  await dialog.getByRole('button', { name: 'Break lock' }).click();
  await expect(page.getByText(`Lock on ${host!.name} broken`)).toBeVisible({ timeout: 20_000 });
  await expect(lock).toHaveCount(0, { timeout: 20_000 });
  expect(existsSync(lockFile), 'the lock file is gone from the host').toBe(false);
});
