// The benchmark's mixed log (JSON 30%, logfmt 20%, nginx access 25%, syslog
// 15%, logback 5%, logback errors with stack traces 5%), line by line from a
// seeded PRNG: the same lines on every machine. The benchmark writes them to
// a file; the scanner's tests check it agrees with EntryParser on them.

/** mulberry32: a small seeded PRNG, so generated logs are the same bytes on every machine (also the test cluster's pod logs). */
export function mulberry32(seed: number): () => number {
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

/** `lines` lines of the mixed log (a stack trace may be cut at the end). */
export function* mixedLogLines(lines: number): Generator<string> {
  const random = mulberry32(20240101);
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
  let t = Date.UTC(2024, 0, 1, 0, 0, 0);
  let written = 0;
  while (written < lines) {
    t += 1 + Math.floor(random() * 20);
    const d = new Date(t);
    const iso = d.toISOString();
    const bad = random() < 0.03;
    const message = bad ? pick(trouble) : pick(calm);
    const kind = random();
    written++;
    if (kind < 0.3) {
      const level = bad ? 'error' : pick(levels);
      yield JSON.stringify({
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
      });
    } else if (kind < 0.5) {
      const level = bad ? 'error' : pick(levels);
      yield `time=${iso} level=${level} msg="${message}" service=${pick(services)} request_id=${hex(24)} trace_id=${hex(32)} user=${Math.floor(random() * 1e6)} method=${pick(['GET', 'POST', 'PUT'])} path=${pick(paths)} status=${bad ? 502 : 200} duration=${Math.floor(random() * 900)}ms bytes=${Math.floor(random() * 90000)} host=${pick(hosts)}`;
    } else if (kind < 0.75) {
      const status = bad ? 504 : pick([200, 200, 200, 201, 204, 301, 304, 404]);
      const stamp = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
      const ip = `10.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}`;
      yield `${ip} - - [${stamp}] "${pick(['GET', 'POST'])} ${pick(paths)} HTTP/1.1" ${status} ${Math.floor(random() * 50000)} "https://shop.example.com${pick(paths)}" "${pick(agents)}" rt=${(random() * 2).toFixed(3)} upstream=10.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}:8080 request_id=${hex(32)}${bad ? ' upstream_status=timeout' : ''}`;
    } else if (kind < 0.9) {
      const stamp = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      yield `${stamp} ${pick(hosts)} ${pick(['sshd', 'systemd', 'kernel', 'cron', 'postgres'])}[${1000 + Math.floor(random() * 30000)}]: ${message} (session ${hex(8)}, unit ${pick(services)}.service, uid ${Math.floor(random() * 2000)}, client 10.0.${Math.floor(random() * 256)}.${Math.floor(random() * 256)} port ${1024 + Math.floor(random() * 60000)})`;
    } else if (kind < 0.95) {
      const level = bad ? 'ERROR' : pick(['INFO', 'INFO', 'DEBUG', 'WARN']);
      const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
      yield `${stamp} ${level.padEnd(5)} [http-nio-8080-exec-${1 + Math.floor(random() * 20)}] com.example.${pick(services)}.${pick(['Controller', 'Service', 'Repository'])} - ${message} order=${Math.floor(random() * 1e6)} tx=${hex(16)} elapsed=${Math.floor(random() * 900)}ms`;
    } else {
      const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
      yield `${stamp} ERROR [http-nio-8080-exec-${1 + Math.floor(random() * 20)}] com.example.orders.OrderService - Failed to process order ${Math.floor(random() * 1e6)}: ${bad ? pick(trouble) : 'invalid state'}`;
      if (written < lines) {
        written++;
        yield `java.lang.IllegalStateException: order ${hex(12)} in state ${pick(['NEW', 'PAID', 'SHIPPED'])}`;
      }
      const depth = 4 + Math.floor(random() * 8);
      for (let i = 0; i < depth && written < lines; i++) {
        written++;
        yield `\tat ${pick(frames)}(${pick(['OrderService', 'Servlet', 'Thread'])}.java:${10 + Math.floor(random() * 400)})`;
      }
    }
  }
}
