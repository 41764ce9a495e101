// `npm run bench -- kube [--pods 10000,50000] [--churn 100] [--runs 3]`
// The cluster browser at scale, against the test API server loaded with N pods
// and a churn of M pod events per second: the time from clicking a context to
// the whole pod table rendered (every row received, the first screen drawn),
// beside `kubectl get pods -A` printing the same list in the same run; the
// renderer's longest main-thread task (PerformanceObserver long tasks) while
// scrolling the table and while it sits under churn; and the memory of main
// (the web host) and of the page, per size, to see how it grows.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startKubeApiServer } from '../../e2e/fixtures/kube';
import { startWebHostProcess } from '../../e2e/fixtures/web-host-process';
import { launchChromium, rssMb } from '../lib/page';
import { arg, fmt, median, table } from '../lib/stats';

const SIZES = (process.argv.includes('--pods') ? process.argv[process.argv.indexOf('--pods') + 1]! : '10000,50000').split(',').map(Number);
const CHURN = arg('churn', 100);
const RUNS = arg('runs', 3);
const root = process.env.WORKBENCH_ROOT ?? process.cwd();

/** `kubectl get pods -A`, its output read through a pipe as a terminal would; ms and lines printed. */
function kubectlGetPods(env: NodeJS.ProcessEnv, extra: string[] = []): Promise<{ ms: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn('kubectl', ['get', 'pods', '-A', '--request-timeout=120s', ...extra], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
    });
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - start, lines: lines - 1 }) : reject(new Error(`kubectl failed: ${err}`))));
  });
}

async function pageHeapMb(page: Page): Promise<number> {
  return page.evaluate(() => {
    (globalThis as unknown as { gc?: () => void }).gc?.();
    return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 1e6;
  });
}

/** Starts collecting long tasks in the page; `take()` returns the longest since the last take, ms. */
async function observeLongTasks(page: Page): Promise<{ take(): Promise<{ max: number; count: number }> }> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  return {
    take: () =>
      page.evaluate(() => {
        const w = window as unknown as { __longTasks: number[] };
        const tasks = w.__longTasks.splice(0);
        return { max: tasks.length ? Math.max(...tasks) : 0, count: tasks.length };
      }),
  };
}

/** Click the context, then the pods kind; resolves when every pod is in the table and the first rows are drawn. */
async function openPods(page: Page, expected: number): Promise<number> {
  const start = await page.evaluate(() => performance.now());
  await page.getByTestId('cluster-context-bench').click();
  await page.getByTestId('kind-pods').click();
  await page.waitForFunction(
    (n) => {
      const grid = document.querySelector('[data-testid="kube-table"]');
      const status = document.querySelector('[data-testid="kube-status"]');
      return !!grid && Number(grid.getAttribute('data-total')) >= n && status?.getAttribute('data-phase') === 'watching' && !!document.querySelector('[data-testid^="kube-row-"]');
    },
    expected,
    { timeout: 300_000, polling: 'raf' },
  );
  // One more frame: the rows just set are painted.
  return page.evaluate((t0) => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0))), start);
}

/** Scroll the table from top to bottom and back in big steps, one per frame, for `ms`. */
async function scrollTable(page: Page, ms: number): Promise<void> {
  await page.evaluate(async (duration) => {
    const grid = document.querySelector<HTMLElement>('[data-testid="kube-table"]')!;
    const end = performance.now() + duration;
    let direction = 1;
    while (performance.now() < end) {
      grid.scrollTop += direction * grid.clientHeight * 3;
      if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1) direction = -1;
      if (grid.scrollTop <= 0) direction = 1;
      await new Promise((r) => requestAnimationFrame(r));
    }
  }, ms);
}

interface SizeResult {
  pods: number;
  kubectl: number[];
  /** kubectl in one request (--chunk-size=0): its client-side rate limit (5 requests/s after a burst of 10) no longer paces the pages. */
  kubectlOneRequest: number[];
  workbench: number[];
  longScroll: number;
  longChurn: number;
  longLoad: number;
  mainRss: number;
  mainHeap: number;
  pageHeap: number;
  informerRows: number;
}

async function measure(pods: number): Promise<SizeResult> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'wb-bench-kube-'));
  const home = path.join(work, 'home');
  mkdirSync(path.join(home, '.kube'), { recursive: true });
  const kubeconfig = path.join(home, '.kube', 'config');
  // A long change history, as etcd keeps 5 minutes of it: kubectl's 20 s paged list under churn must not see its continue token expire.
  const server = await startKubeApiServer({ seed: true, pendingMs: 200, history: 1_000_000 });
  const perDeployment = 50;
  const deployments = Math.max(1, Math.round(pods / perDeployment));
  const namespaces = Math.max(1, Math.round(deployments / 20));
  const loaded = await server.load({ namespaces, deploymentsPerNamespace: Math.ceil(deployments / namespaces), podsPerDeployment: perDeployment });
  await server.writeKubeconfig(kubeconfig, { context: 'bench' });
  console.log(`[bench] ${loaded.pods} pods loaded, churn ${CHURN} events/s`);
  const stopChurn = CHURN > 0 ? server.churn(CHURN) : () => {};
  const env = { ...process.env, KUBECONFIG: kubeconfig, HOME: home };
  const result: SizeResult = { pods: 0, kubectl: [], kubectlOneRequest: [], workbench: [], longScroll: 0, longChurn: 0, longLoad: 0, mainRss: 0, mainHeap: 0, pageHeap: 0, informerRows: 0 };

  // No informer linger: every run connects and lists from nothing, as the first click of the day does.
  const dataDir = path.join(work, 'data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, kube: { informerLingerMs: 0 } }));
  const web = await startWebHostProcess(dataDir, ['--no-validate-events'], { KUBECONFIG: kubeconfig });
  const browser = await launchChromium();
  try {
    for (let run = 0; run < RUNS; run++) {
      const printed = await kubectlGetPods(env);
      result.kubectl.push(printed.ms);
      result.pods = printed.lines;
      result.kubectlOneRequest.push((await kubectlGetPods(env, ['--chunk-size=0'])).ms);
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      await page.goto(web.url);
      await page.getByRole('navigation', { name: 'Capabilities' }).getByRole('button', { name: 'Clusters' }).click();
      await page.getByTestId('cluster-context-bench').waitFor();
      const tasks = await observeLongTasks(page);
      // Fewer rows than kubectl printed would be a wrong answer, not a faster one (churn moves the count by a few).
      const ms = await openPods(page, Math.floor(printed.lines * 0.99));
      result.workbench.push(ms);
      result.longLoad = Math.max(result.longLoad, (await tasks.take()).max);
      console.log(`[bench] run ${run + 1}: kubectl ${fmt(printed.ms, 0)} ms (${printed.lines} lines), in one request ${fmt(result.kubectlOneRequest.at(-1)!, 0)} ms, workbench ${fmt(ms, 0)} ms`);
      if (run === RUNS - 1) {
        await scrollTable(page, 5000);
        result.longScroll = (await tasks.take()).max;
        await page.waitForTimeout(10_000);
        result.longChurn = (await tasks.take()).max;
        result.pageHeap = await pageHeapMb(page);
        result.mainRss = rssMb(web.pid);
        const diag = await fetchDiagnostics(page);
        result.mainHeap = diag.heapUsedMb;
        result.informerRows = diag.kube?.rows ?? 0;
      }
      await context.close();
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    stopChurn();
    await browser.close();
    await web.stop();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

/** main's own figures, through the app's contract (what the status bar shows). */
async function fetchDiagnostics(page: Page): Promise<{ heapUsedMb: number; rssMb: number; kube?: { rows: number } }> {
  return page.evaluate(() => (window as unknown as { __diagnostics: () => Promise<{ heapUsedMb: number; rssMb: number; kube?: { rows: number } }> }).__diagnostics());
}

async function main(): Promise<void> {
  // The benchmark drives the built app: build it from the sources as they are now.
  if (spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' }).status !== 0) process.exit(1);
  console.log(`[bench] kube: ${SIZES.join(', ')} pods, churn ${CHURN}/s, ${RUNS} runs each`);
  const results: SizeResult[] = [];
  for (const size of SIZES) results.push(await measure(size));
  console.log('');
  console.log(
    table([
      ['pods', 'kubectl get pods -A', 'ratio', '(one request)', 'ratio', 'workbench connect→table', 'longest task: load / scroll / churn', 'main RSS', 'main heap', 'page heap'],
      ...results.map((r) => [
        String(r.pods),
        `${fmt(median(r.kubectl), 0)} ms`,
        `${fmt(median(r.workbench) / median(r.kubectl), 2)}×`,
        `${fmt(median(r.kubectlOneRequest), 0)} ms`,
        `${fmt(median(r.workbench) / median(r.kubectlOneRequest), 2)}×`,
        `${fmt(median(r.workbench), 0)} ms`,
        `${fmt(r.longLoad, 0)} / ${fmt(r.longScroll, 0)} / ${fmt(r.longChurn, 0)} ms`,
        `${fmt(r.mainRss, 0)} MB`,
        `${fmt(r.mainHeap, 0)} MB`,
        `${fmt(r.pageHeap, 0)} MB`,
      ]),
    ]),
  );
  if (results.length >= 2) {
    const [a, b] = [results[0]!, results.at(-1)!];
    const per = (x: number, y: number) => fmt(((y - x) / (b.pods - a.pods)) * 1000, 2);
    console.log(`[bench] growth per 1,000 pods: main heap ${per(a.mainHeap, b.mainHeap)} MB, page heap ${per(a.pageHeap, b.pageHeap)} MB, main RSS ${per(a.mainRss, b.mainRss)} MB`);
  }
  console.log('[bench] goals: connect→table ≤ 1.5× kubectl; no renderer task > 100 ms at 50k pods; memory linear in pods');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
