// `npm run bench -- logs [--lines 1000000] [--runs 3]`
// A 1,000,000-line log file of mixed formats (JSON, logfmt, nginx access,
// syslog, Java errors with stack traces; ~200 MB, the same bytes every time)
// loaded three ways in the same run: the workbench's pipeline as main runs it
// (a read stream, an EntryParser, a LogStore; then a regex filter over it),
// lnav headless loading and indexing the same file, and `grep -c -E` as the
// floor for the filter. Each workbench run is a fresh process, so its peak
// RSS is the store's (and the parser's) alone.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { EntryParser } from '../../shared/logs/parse';
import { LogStore, type StoreEntry } from '../../main/services/logs/store';
import { arg, fmt, median, table } from '../lib/stats';

const LINES = arg('lines', 1_000_000);
const RUNS = arg('runs', 3);
const PATTERN = 'timeout|refused';
const GENERATOR_VERSION = 2;

// ---------------------------------------------------------------- the file

/** mulberry32: a small seeded PRNG, so the file is the same bytes on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Writes the file and returns how many lines hold the pattern (grep's count). */
async function generate(file: string, lines: number): Promise<number> {
  const random = prng(20240101);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(random() * 16)];
    return s;
  };
  const services = ['api', 'orders', 'payments', 'inventory', 'auth', 'search', 'gateway'];
  const hosts = ['web-1', 'web-2', 'web-3', 'db-1', 'cache-1', 'worker-7'];
  const paths = ['/api/v1/orders', '/api/v1/items/42', '/healthz', '/static/app.3f9a.js', '/api/v2/search?q=shoes&page=3', '/login', '/api/v1/cart/items'];
  const agents = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36', 'curl/8.4.0', 'kube-probe/1.29', 'Go-http-client/1.1'];
  const calm = ['request completed', 'cache hit for key', 'user session refreshed', 'order placed', 'payment authorized', 'index updated', 'connection pool resized', 'config reloaded'];
  const trouble = ['upstream timeout after 30000ms', 'connection refused by 10.0.3.17:5432', 'read timeout waiting for response', 'dial tcp 10.0.1.9:6379: connect: connection refused'];
  const levels = ['info', 'info', 'info', 'info', 'debug', 'warn', 'error'];
  const frames = ['com.example.orders.OrderService.process', 'com.example.orders.OrderController.create', 'org.springframework.web.servlet.FrameworkServlet.service', 'jakarta.servlet.http.HttpServlet.service', 'org.apache.catalina.core.ApplicationFilterChain.doFilter', 'java.base/java.lang.Thread.run'];
  const out = createWriteStream(file);
  let t = Date.UTC(2024, 0, 1, 0, 0, 0);
  let written = 0;
  let matching = 0;
  let buffer = '';
  const emit = (line: string) => {
    buffer += line + '\n';
    written++;
    if (/timeout|refused/.test(line)) matching++;
  };
  while (written < lines) {
    t += 1 + Math.floor(random() * 20);
    const d = new Date(t);
    const iso = d.toISOString();
    const bad = random() < 0.03;
    const message = bad ? pick(trouble) : pick(calm);
    const kind = random();
    if (kind < 0.3) {
      const level = bad ? 'error' : pick(levels);
      emit(
        JSON.stringify({
          ts: iso,
          level,
          msg: message,
          service: pick(services),
          trace_id: hex(32),
          span_id: hex(16),
          user_id: Math.floor(random() * 1e6),
          method: pick(['GET', 'POST', 'PUT']),
          path: pick(paths),
          status: bad ? 502 : 200,
          duration_ms: Math.floor(random() * 3000),
          host: pick(hosts),
          pod: `${pick(services)}-7d9f8c6b5-${hex(5)}`,
          version: '1.42.7',
          user_agent: pick(agents),
        }),
      );
    } else if (kind < 0.5) {
      const level = bad ? 'error' : pick(levels);
      emit(`time=${iso} level=${level} msg="${message}" service=${pick(services)} request_id=${hex(24)} trace_id=${hex(32)} user=${Math.floor(random() * 1e6)} method=${pick(['GET', 'POST', 'PUT'])} path=${pick(paths)} status=${bad ? 502 : 200} duration=${Math.floor(random() * 900)}ms bytes=${Math.floor(random() * 90000)} host=${pick(hosts)}`);
    } else if (kind < 0.75) {
      const status = bad ? 504 : pick([200, 200, 200, 201, 204, 301, 304, 404]);
      const stamp = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
      const ip = `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
      emit(`${ip} - - [${stamp}] "${pick(['GET', 'POST'])} ${pick(paths)} HTTP/1.1" ${status} ${Math.floor(random() * 50000)} "https://shop.example.com${pick(paths)}" "${pick(agents)}" rt=${(random() * 2).toFixed(3)} upstream=10.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}:8080 request_id=${hex(32)}${bad ? ' upstream_status=timeout' : ''}`);
    } else if (kind < 0.9) {
      const stamp = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      emit(`${stamp} ${pick(hosts)} ${pick(['sshd', 'systemd', 'kernel', 'cron', 'postgres'])}[${1000 + Math.floor(random() * 30000)}]: ${message} (session ${hex(8)}, unit ${pick(services)}.service, uid ${Math.floor(random() * 2000)}, client 10.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)} port ${1024 + Math.floor(random() * 60000)})`);
    } else if (kind < 0.95) {
      const level = bad ? 'ERROR' : pick(['INFO', 'INFO', 'DEBUG', 'WARN']);
      const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
      emit(`${stamp} ${level.padEnd(5)} [http-nio-8080-exec-${1 + Math.floor(random() * 20)}] com.example.${pick(services)}.${pick(['Controller', 'Service', 'Repository'])} - ${message} order=${Math.floor(random() * 1e6)} tx=${hex(16)} elapsed=${Math.floor(random() * 900)}ms`);
    } else {
      const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
      emit(`${stamp} ERROR [http-nio-8080-exec-${1 + Math.floor(random() * 20)}] com.example.orders.OrderService - Failed to process order ${Math.floor(random() * 1e6)}: ${bad ? pick(trouble) : 'invalid state'}`);
      if (written < lines) emit(`java.lang.IllegalStateException: order ${hex(12)} in state ${pick(['NEW', 'PAID', 'SHIPPED'])}`);
      const depth = 4 + Math.floor(random() * 8);
      for (let i = 0; i < depth && written < lines; i++) emit(`\tat ${pick(frames)}(${pick(['OrderService', 'Servlet', 'Thread'])}.java:${10 + Math.floor(random() * 400)})`);
    }
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return matching;
}

// ---------------------------------------------------------------- the workbench (in a child process)

interface LoadResult {
  loadMs: number;
  filterMs: number;
  filterCiMs: number;
  refilterMs: number;
  matched: number;
  matchedCi: number;
  entries: number;
  lines: number;
  peakRssMb: number;
  rssMb: number;
  heapMb: number;
  storeMb: number;
}

/** Read the file as main's file source does (a stream, split into lines), parse, store; then filter. */
async function loadInProcess(file: string): Promise<LoadResult> {
  const start = performance.now();
  const store = new LogStore({ maxLines: 2_000_000 });
  const source = store.source(`file:${file}`, path.basename(file));
  const parser = new EntryParser();
  let lines = 0;
  let rest = '';
  const toEntry = (e: ReturnType<EntryParser['push']>[number]): StoreEntry => ({ time: e.time, level: e.level, format: e.format, text: e.text, raw: e.raw, fields: e.fields, extra: e.extra });
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    const entries: StoreEntry[] = [];
    for (const line of parts) {
      lines++;
      for (const entry of parser.push(line)) entries.push(toEntry(entry));
    }
    store.add(source, entries);
  }
  const tail: StoreEntry[] = [];
  if (rest) {
    lines++;
    for (const entry of parser.push(rest)) tail.push(toEntry(entry));
  }
  for (const entry of parser.flush()) tail.push(toEntry(entry));
  store.add(source, tail);
  const loadMs = performance.now() - start;

  let t = performance.now();
  const matched = store.window({ text: [{ text: PATTERN, regex: true, caseSensitive: true }] }, 0, 100).matched;
  const filterMs = performance.now() - t;
  t = performance.now();
  const matchedCi = store.window({ text: [{ text: PATTERN, regex: true }] }, 0, 100).matched;
  const filterCiMs = performance.now() - t;
  // The same filter asked again (scrolling): only lines that arrived since are tested.
  t = performance.now();
  store.window({ text: [{ text: PATTERN, regex: true, caseSensitive: true }] }, -100, 100);
  const refilterMs = performance.now() - t;

  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return {
    loadMs,
    filterMs,
    filterCiMs,
    refilterMs,
    matched,
    matchedCi,
    entries: store.total,
    lines,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssMb: memory.rss / 1048576,
    heapMb: memory.heapUsed / 1048576,
    storeMb: store.bytes() / 1048576,
  };
}

function runChild(file: string): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=8192', process.argv[1]!, '--child', file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`workbench load exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult);
    });
  });
}

// ---------------------------------------------------------------- the peers

/** Run a command; ms, stdout, and peak RSS (MB) from GNU time when it is there. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ ms: number; stdout: string; peakRssMb: number | undefined }> {
  const gnuTime = existsSync('/usr/bin/time');
  const rssFile = path.join(os.tmpdir(), `wb-bench-logs-rss-${process.pid}`);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = gnuTime ? spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, command, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      // grep -c exits 1 when nothing matched; anything else non-zero is a failure.
      if (code !== 0 && !(command === 'grep' && code === 1)) return reject(new Error(`${command} exited ${code}: ${stderr.slice(0, 500)}`));
      let peakRssMb: number | undefined;
      if (gnuTime) {
        const kb = Number(spawnSync('cat', [rssFile], { encoding: 'utf8' }).stdout.trim());
        peakRssMb = Number.isFinite(kb) && kb > 0 ? kb / 1024 : undefined;
        rmSync(rssFile, { force: true });
      }
      resolve({ ms, stdout, peakRssMb });
    });
  });
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const result = await loadInProcess(process.argv[3]!);
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const dir = path.join(os.tmpdir(), 'wb-bench-logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `mixed-${LINES}-v${GENERATOR_VERSION}.log`);
  const countFile = `${file}.matching`;
  let expected: number;
  if (existsSync(file) && existsSync(countFile)) {
    expected = Number(spawnSync('cat', [countFile], { encoding: 'utf8' }).stdout);
    console.log(`[bench] reusing ${file}`);
  } else {
    console.log(`[bench] generating ${LINES.toLocaleString('en')} lines…`);
    const partial = `${file}.partial`;
    expected = await generate(partial, LINES);
    renameSync(partial, file);
    spawnSync('sh', ['-c', `printf %s ${expected} > '${countFile}'`]);
  }
  const mb = statSync(file).size / 1048576;
  console.log(`[bench] ${path.basename(file)}: ${fmt(mb, 0)} MB, ${LINES.toLocaleString('en')} lines, ${expected.toLocaleString('en')} hold /${PATTERN}/`);

  const lnavVersion = spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout?.trim();
  if (!lnavVersion) throw new Error('lnav is not installed (npm run bench installs it: scripts/system-packages.json)');
  // lnav keeps state in $HOME/.lnav (or XDG config); a scratch home keeps runs cold and the user's config untouched.
  const lnavHome = mkdtempSync(path.join(os.tmpdir(), 'wb-bench-lnav-'));
  const lnavEnv = { ...process.env, HOME: lnavHome, XDG_CONFIG_HOME: path.join(lnavHome, '.config'), TERM: 'dumb' };

  const workbench: LoadResult[] = [];
  const lnavLoad: number[] = [];
  const lnavFilter: number[] = [];
  const grep: number[] = [];
  let lnavRss: number | undefined;
  let lnavFilterLines = 0;
  let grepCount = 0;
  try {
    for (let run = 0; run < RUNS; run++) {
      const wb = await runChild(file);
      workbench.push(wb);
      if (wb.lines !== LINES) throw new Error(`workbench read ${wb.lines} lines, expected ${LINES}`);
      // lnav headless: -n without the UI, -q without printing the view: it loads and indexes the whole file, then exits.
      // (lnav 0.11's `:write-to` writes only marked lines, so it cannot force a walk; printing the view is measured below, filtered.)
      const load = await timed('lnav', ['-n', '-q', file], lnavEnv);
      lnavLoad.push(load.ms);
      lnavRss = load.peakRssMb ?? lnavRss;
      // Headless lnav prints the view after its commands: the lines the filter keeps (whole messages, continuation lines included).
      const filtered = await timed('lnav', ['-n', '-c', `:filter-in ${PATTERN}`, file], lnavEnv);
      lnavFilter.push(filtered.ms);
      lnavFilterLines = filtered.stdout.split('\n').filter(Boolean).length;
      const g = await timed('grep', ['-c', '-E', PATTERN, file]);
      grep.push(g.ms);
      grepCount = Number(g.stdout.trim());
      console.log(
        `[bench] run ${run + 1}: workbench load ${fmt(wb.loadMs, 0)} ms + filter ${fmt(wb.filterMs, 0)} ms (${wb.matched} entries); lnav load ${fmt(load.ms, 0)} ms, lnav filter-in ${fmt(filtered.ms, 0)} ms; grep -c ${fmt(g.ms, 0)} ms (${grepCount})`,
      );
    }
  } finally {
    rmSync(lnavHome, { recursive: true, force: true });
  }

  const last = workbench.at(-1)!;
  // Only first lines of entries hold the pattern in this file, so entries matched = lines grep counts.
  const correct = last.matched === grepCount && grepCount === expected;
  const wbLoad = median(workbench.map((w) => w.loadMs));
  const wbFilter = median(workbench.map((w) => w.filterMs));
  const ratio = (a: number, b: number) => `${fmt(a / b, 2)}×`;
  console.log('');
  console.log(
    table([
      ['measure (median of ' + RUNS + ')', 'ms', 'vs peer'],
      [`workbench: read + parse + store ${LINES.toLocaleString('en')} lines`, fmt(wbLoad, 0), `${ratio(wbLoad, median(lnavLoad))} lnav load`],
      ['lnav -n: load + index', fmt(median(lnavLoad), 0), ''],
      [`workbench: regex /${PATTERN}/ over the store`, fmt(wbFilter, 0), `${ratio(wbFilter, median(grep))} grep`],
      [`workbench: same, case-insensitive (the default)`, fmt(median(workbench.map((w) => w.filterCiMs)), 0), ''],
      ['workbench: same filter again (indexed)', fmt(median(workbench.map((w) => w.refilterMs)), 2), ''],
      [`lnav -n: load + :filter-in + print`, fmt(median(lnavFilter), 0), ''],
      [`grep -c -E '${PATTERN}'`, fmt(median(grep), 0), ''],
      ['workbench: load + filter', fmt(wbLoad + wbFilter, 0), `${ratio(wbLoad + wbFilter, median(lnavFilter))} lnav load + filter`],
    ]),
  );
  console.log('');
  console.log(
    `[bench] workbench process: peak RSS ${fmt(median(workbench.map((w) => w.peakRssMb)), 0)} MB, RSS after GC ${fmt(last.rssMb, 0)} MB, JS heap ${fmt(last.heapMb, 0)} MB, store's own estimate ${fmt(last.storeMb, 0)} MB for ${last.entries.toLocaleString('en')} entries (file ${fmt(mb, 0)} MB)` +
      (lnavRss ? `; lnav peak RSS ${fmt(lnavRss, 0)} MB` : ''),
  );
  console.log(`[bench] matches: workbench ${last.matched} entries (case-insensitive ${last.matchedCi}), grep ${grepCount} lines, generator ${expected}, lnav filter-in wrote ${lnavFilterLines} lines${correct ? '' : ' — MISMATCH'}`);
  console.log('[bench] goals: regex filter over 1M lines < 1 s; load within a small factor of lnav');
  if (!correct) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
