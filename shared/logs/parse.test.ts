import { describe, expect, it } from 'vitest';
import { EntryParser, levelOf, MAX_EXTRA, type ParsedEntry, splitKubeTimestamp, stripAnsi } from './parse';

declare const console: { log(...args: unknown[]): void };

/** Every entry from the lines, flushed at the end. */
function parseAll(lines: string[], year = 2026): ParsedEntry[] {
  const p = new EntryParser({ year });
  const out: ParsedEntry[] = [];
  for (const l of lines) out.push(...p.push(l));
  out.push(...p.flush());
  return out;
}
function one(line: string, year = 2026): ParsedEntry {
  const all = parseAll([line], year);
  expect(all).toHaveLength(1);
  return all[0]!;
}
const utc = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms = 0) => Date.UTC(y, mo - 1, d, h, mi, s, ms);

describe('levelOf', () => {
  it('normalises the usual words', () => {
    const cases: [string, string][] = [
      ['E', 'error'], ['ERR', 'error'], ['ERROR', 'error'], ['error', 'error'], ['Warning', 'warn'], ['WARN', 'warn'], ['W', 'warn'],
      ['fatal', 'fatal'], ['CRIT', 'fatal'], ['crit', 'fatal'], ['panic', 'fatal'], ['trace', 'trace'], ['debug', 'debug'], ['DBG', 'debug'],
      ['notice', 'info'], ['I', 'info'], ['Information', 'info'], ['eRrOr', 'error'], ['SEVERE', 'error'], ['ERRO', 'error'], ['FATA', 'fatal'],
    ];
    for (const [word, level] of cases) expect(levelOf(word), word).toBe(level);
    expect(levelOf('hello')).toBeUndefined();
    expect(levelOf('')).toBeUndefined();
    expect(levelOf('constructor')).toBeUndefined();
  });
});

describe('formats', () => {
  it('nginx combined', () => {
    const e = one('93.184.216.34 - - [25/Nov/2026:10:00:01 +0100] "GET /api/v1/users?page=2 HTTP/1.1" 200 5316 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"');
    expect(e).toMatchObject({ format: 'access', level: 'info', time: utc(2026, 11, 25, 9, 0, 1) });
    expect(e.fields).toEqual({ remote: '93.184.216.34', user: '-', method: 'GET', path: '/api/v1/users?page=2', protocol: 'HTTP/1.1', status: '200', bytes: '5316', referer: 'https://example.com/', agent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36' });
    expect(e.text).toBe('93.184.216.34 - - "GET /api/v1/users?page=2 HTTP/1.1" 200 5316 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"');
    expect(one('10.0.0.7 - - [25/Nov/2026:10:00:02 +0000] "POST /login HTTP/2.0" 502 157 "-" "curl/8.5.0"').level).toBe('error');
    expect(one('::1 - - [25/Nov/2026:10:00:02 +0000] "GET /missing HTTP/1.1" 404 0 "-" "kube-probe/1.30"')).toMatchObject({ level: 'warn', format: 'access' });
  });

  it('apache common', () => {
    const e = one('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326');
    expect(e).toMatchObject({ format: 'access', level: 'info', time: utc(2000, 10, 10, 20, 55, 36) });
    expect(e.fields).toMatchObject({ remote: '127.0.0.1', user: 'frank', method: 'GET', path: '/apache_pb.gif', status: '200', bytes: '2326' });
    expect(e.fields!.agent).toBeUndefined();
  });

  it('syslog from Debian (RFC 3164), the year from the option, the level from the message', () => {
    const [a, b, c] = parseAll([
      'Nov 25 10:00:01 web-1 sshd[12345]: Accepted publickey for deploy from 10.0.0.5 port 52144 ssh2',
      'Nov  5 06:25:01 web-1 CRON[998]: (root) CMD (test -x /usr/sbin/anacron || run-parts --report /etc/cron.daily)',
      'Nov 25 10:00:03 web-1 kernel: [12345.678901] EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0',
    ]);
    expect(a).toMatchObject({ format: 'syslog', time: utc(2026, 11, 25, 10, 0, 1), level: 'unknown', fields: { host: 'web-1', app: 'sshd', pid: '12345' } });
    expect(a!.text).toBe('web-1 sshd[12345]: Accepted publickey for deploy from 10.0.0.5 port 52144 ssh2');
    expect(b).toMatchObject({ time: utc(2026, 11, 5, 6, 25, 1), fields: { app: 'CRON', pid: '998' } });
    expect(c).toMatchObject({ level: 'error', fields: { host: 'web-1', app: 'kernel' } });
    expect(c!.fields!.pid).toBeUndefined();
    expect(one('Nov 25 10:00:04 db-1 postgres[77]: WARNING:  could not open statistics file').level).toBe('warn');
  });

  it('a syslog line without a year takes the year of the last dated line before it (as lnav does), across New Year too', () => {
    const p = new EntryParser();
    const lines = ['{"ts":"2024-03-05T10:00:00Z","msg":"a"}', 'Mar  5 10:00:01 web-1 sshd[1]: b', '{"ts":"2024-12-31T23:59:59Z","msg":"c"}', 'Jan  1 00:00:02 web-1 cron[2]: d', 'Dec 31 23:59:58 web-1 cron[2]: e'];
    const out = [...lines.flatMap((l) => p.push(l)), ...p.flush()];
    expect(out.map((e) => new Date(e.time!).toISOString())).toEqual(['2024-03-05T10:00:00.000Z', '2024-03-05T10:00:01.000Z', '2024-12-31T23:59:59.000Z', '2025-01-01T00:00:02.000Z', '2024-12-31T23:59:58.000Z']);
    // With no dated line before it: this year (or last, for a date more than a month ahead).
    const q = new EntryParser();
    q.push('Jan  2 03:04:05 web-1 sshd[1]: b');
    expect(new Date(q.flush()[0]!.time!).getUTCFullYear()).toBeGreaterThanOrEqual(new Date().getUTCFullYear() - 1);
  });
  it('journald-like output (short and short-iso) and journald JSON', () => {
    expect(one('Nov 25 10:00:01 node-3 systemd[1]: Started session-42.scope - Session 42 of User deploy.')).toMatchObject({ format: 'syslog', fields: { host: 'node-3', app: 'systemd', pid: '1' } });
    const iso = one('2026-11-25T10:00:01+0100 node-3 kubelet[812]: E1125 10:00:01.123456     812 pod_workers.go:1298] "Error syncing pod"');
    expect(iso).toMatchObject({ format: 'syslog', time: utc(2026, 11, 25, 9, 0, 1), level: 'error', fields: { host: 'node-3', app: 'kubelet', pid: '812' } });
    const j = one('{"__REALTIME_TIMESTAMP":"1795600801123456","PRIORITY":"3","_HOSTNAME":"node-3","SYSLOG_IDENTIFIER":"nginx","MESSAGE":"upstream timed out"}');
    expect(j).toMatchObject({ format: 'json', level: 'error', time: 1795600801123, text: 'upstream timed out' });
  });

  it('RFC 5424', () => {
    const e = one('<34>1 2026-11-25T10:00:01.003Z mymachine.example.com su - ID47 - \'su root\' failed for lonvick on /dev/pts/8');
    expect(e).toMatchObject({ format: 'rfc5424', level: 'fatal', time: utc(2026, 11, 25, 10, 0, 1, 3), text: "'su root' failed for lonvick on /dev/pts/8", fields: { host: 'mymachine.example.com', app: 'su', msgid: 'ID47' } });
    const sd = one('<165>1 2026-11-25T22:14:15.003+02:00 myhost evntslog 4711 ID47 [exampleSDID@32473 iut="3" eventSource="App\\]" eventID="1011"] An application event');
    expect(sd).toMatchObject({ level: 'info', time: utc(2026, 11, 25, 20, 14, 15, 3), text: 'An application event', fields: { pid: '4711' } });
    expect(one('<11>1 - host app - - - boom')).toMatchObject({ level: 'error', time: undefined, text: 'boom' });
    expect(one('<30>Nov 25 10:00:01 host dockerd[5]: ok', 2026)).toMatchObject({ format: 'syslog', level: 'info', fields: { app: 'dockerd' } });
  });

  it('klog from kube-scheduler', () => {
    const [a, b] = parseAll([
      'I1125 10:00:01.123456       1 schedule_one.go:286] "Successfully bound pod to node" pod="default/web-7d4b9" node="node-2" evaluatedNodes=3 feasibleNodes=2',
      'E1125 10:00:02.000999       1 framework.go:1120] "Failed running Bind plugin" err="pods \\"x\\" not found"',
    ]);
    expect(a).toMatchObject({ format: 'klog', level: 'info', time: utc(2026, 11, 25, 10, 0, 1, 123) });
    expect(a!.text).toBe('1 schedule_one.go:286] "Successfully bound pod to node" pod="default/web-7d4b9" node="node-2" evaluatedNodes=3 feasibleNodes=2');
    expect(b).toMatchObject({ level: 'error', time: utc(2026, 11, 25, 10, 0, 2, 0) });
    expect(one('W1125 10:00:01.5 1 x.go:1] w').level).toBe('warn');
  });

  it('Python logging', () => {
    const e = one('2026-11-25 10:00:01,123 - myapp.db - ERROR - connection lost');
    expect(e).toMatchObject({ format: 'python', level: 'error', time: utc(2026, 11, 25, 10, 0, 1, 123), text: 'myapp.db - connection lost' });
    expect(one('ERROR:root:could not connect')).toMatchObject({ format: 'python', level: 'error', time: undefined, text: 'root:could not connect' });
    expect(one('WARNING:urllib3.connectionpool:Retrying (Retry(total=2))').level).toBe('warn');
  });

  it('Spring Boot and logback/log4j', () => {
    const s = one('2026-11-25T10:00:01.123Z  WARN 1 --- [main] o.s.b.a.l.ConditionEvaluationReportLogger : Error starting ApplicationContext.');
    expect(s).toMatchObject({ format: 'java', level: 'warn', time: utc(2026, 11, 25, 10, 0, 1, 123), text: '1 --- [main] o.s.b.a.l.ConditionEvaluationReportLogger : Error starting ApplicationContext.' });
    const s3 = one('2026-11-25T10:00:01.123+01:00  INFO 12345 --- [myapp] [           main] o.s.b.w.e.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http)');
    expect(s3).toMatchObject({ format: 'java', level: 'info', time: utc(2026, 11, 25, 9, 0, 1, 123) });
    const l = one('2026-11-25 10:00:01.123 ERROR [main] c.e.Foo - Request failed');
    expect(l).toMatchObject({ format: 'java', level: 'error', time: utc(2026, 11, 25, 10, 0, 1, 123), text: '[main] c.e.Foo - Request failed' });
    const t = one('2026-11-25 10:00:01,456 [http-nio-8080-exec-1] DEBUG com.example.Bar - cache miss');
    expect(t).toMatchObject({ format: 'java', level: 'debug', time: utc(2026, 11, 25, 10, 0, 1, 456), text: '[http-nio-8080-exec-1] com.example.Bar - cache miss' });
    expect(one('10:00:01.123 [main] INFO  c.e.App - Started App in 2.1 seconds')).toMatchObject({ format: 'java', level: 'info', time: undefined, text: '[main] c.e.App - Started App in 2.1 seconds' });
  });

  it('generic ISO timestamp + level, bracketed levels, nginx error log, plain', () => {
    expect(one('2026-11-25T10:00:01Z ERROR database unreachable')).toMatchObject({ format: 'iso', level: 'error', time: utc(2026, 11, 25, 10, 0, 1), text: 'database unreachable' });
    expect(one('[2026-11-25 10:00:01] [warn] disk 91% full')).toMatchObject({ format: 'iso', level: 'warn', text: 'disk 91% full' });
    expect(one('2026/11/25 10:00:01 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream')).toMatchObject({ format: 'iso', level: 'error', time: utc(2026, 11, 25, 10, 0, 1), text: '31#31: *7 connect() failed (111: Connection refused) while connecting to upstream' });
    expect(one('2026-11-25 10:00:01.123 UTC [88] LOG:  checkpoint starting: time')).toMatchObject({ format: 'iso', time: utc(2026, 11, 25, 10, 0, 1, 123) });
    expect(one('2026/11/25 10:00:01 listening on :8080')).toMatchObject({ format: 'iso', level: 'unknown', text: 'listening on :8080' });
    expect(one('[ERROR] build failed')).toMatchObject({ format: 'plain', level: 'error', text: 'build failed' });
    expect(one('WARN: deprecated flag')).toMatchObject({ level: 'warn', text: 'deprecated flag' });
    expect(one('Error: ENOENT: no such file')).toMatchObject({ level: 'error', text: 'ENOENT: no such file' });
    expect(one('Error connecting to the database')).toMatchObject({ level: 'unknown', text: 'Error connecting to the database' });
    expect(one('Listening on port 3000')).toMatchObject({ format: 'plain', level: 'unknown', time: undefined });
  });

  it('JSON from zap, pino, bunyan, logrus, ECS, docker', () => {
    const zap = one('{"level":"info","ts":1795600801.123456,"caller":"server/main.go:42","msg":"listening","addr":":8080","tags":["a","b"],"req":{"id":"r1","size":12}}');
    expect(zap).toMatchObject({ format: 'json', level: 'info', time: 1795600801123, text: 'listening' });
    expect(zap.fields).toEqual({ level: 'info', ts: '1795600801.123456', caller: 'server/main.go:42', msg: 'listening', addr: ':8080', tags: '["a","b"]', 'req.id': 'r1', 'req.size': '12' });
    expect(one('{"level":50,"time":1795600801123,"pid":7,"hostname":"api-1","msg":"request failed"}')).toMatchObject({ level: 'error', time: 1795600801123, text: 'request failed', fields: { pid: '7' } });
    expect(one('{"name":"api","hostname":"h","pid":1,"level":40,"msg":"slow","time":"2026-11-25T10:00:01.123Z","v":0}')).toMatchObject({ level: 'warn', time: utc(2026, 11, 25, 10, 0, 1, 123) });
    expect(one('{"level":"warning","msg":"retrying","time":"2026-11-25T10:00:01+01:00"}')).toMatchObject({ level: 'warn', time: utc(2026, 11, 25, 9, 0, 1) });
    expect(one('{"@timestamp":"2026-11-25T10:00:01.5Z","log":{"level":"error"},"message":"boom"}')).toMatchObject({ level: 'error', time: utc(2026, 11, 25, 10, 0, 1, 500), text: 'boom', fields: { 'log.level': 'error' } });
    expect(one('{"log":"hello\\n","stream":"stdout","time":"2026-11-25T10:00:01.123456789Z"}')).toMatchObject({ text: 'hello', time: utc(2026, 11, 25, 10, 0, 1, 123) });
    expect(one('{"@t":"2026-11-25T10:00:01Z","@mt":"Started {App}","App":"x"}')).toMatchObject({ level: 'info', text: 'Started {App}' });
    const noMsg = one('{"event":"tick","n":null,"ok":true}');
    expect(noMsg).toMatchObject({ level: 'unknown', text: '{"event":"tick","n":null,"ok":true}', fields: { n: 'null', ok: 'true' } });
    expect(one('{not json}').format).toBe('plain');
  });

  it('logfmt from Go kit and Heroku, logrus text', () => {
    const kit = one('ts=2026-11-25T10:00:01.123Z caller=main.go:51 level=info msg="quoted \\" value" key=val');
    expect(kit).toMatchObject({ format: 'logfmt', level: 'info', time: utc(2026, 11, 25, 10, 0, 1, 123), text: 'quoted " value' });
    expect(kit.fields).toEqual({ ts: '2026-11-25T10:00:01.123Z', caller: 'main.go:51', level: 'info', msg: 'quoted " value', key: 'val' });
    const heroku = one('2026-11-25T10:00:01.123456+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" host=myapp.herokuapp.com status=503 bytes=0 protocol=https');
    expect(heroku).toMatchObject({ format: 'logfmt', level: 'error', time: utc(2026, 11, 25, 10, 0, 1, 123), fields: { code: 'H12', desc: 'Request timeout', source: 'heroku', dyno: 'router' } });
    expect(heroku.text).toBe(heroku.raw);
    expect(one('time="2026-11-25T10:00:01Z" level=warning msg="disk almost full" used=91')).toMatchObject({ level: 'warn', text: 'disk almost full', time: utc(2026, 11, 25, 10, 0, 1) });
    expect(one('x=1 is the answer').format).toBe('plain');
  });
});

describe('multi-line entries', () => {
  it('groups a Java stack trace with Caused by', () => {
    const lines = [
      '2026-11-25 10:00:01.123 ERROR [main] c.e.Foo - Request failed',
      'java.lang.IllegalStateException: Failed to process order 42',
      '\tat com.example.OrderService.process(OrderService.java:87)',
      '\tat com.example.OrderController.submit(OrderController.java:31)',
      'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
      '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
      '\t... 12 more',
      '2026-11-25 10:00:02.000 INFO [main] c.e.Foo - recovered',
    ];
    const p = new EntryParser({ year: 2026 });
    const done: ParsedEntry[] = [];
    for (const l of lines.slice(0, 7)) expect(p.push(l)).toEqual([]);
    done.push(...p.push(lines[7]!));
    expect(done).toHaveLength(1);
    expect(done[0]!.extra).toEqual(lines.slice(1, 7));
    expect(done[0]!.level).toBe('error');
    const last = p.flush();
    expect(last).toHaveLength(1);
    expect(last[0]!.text).toBe('[main] c.e.Foo - recovered');
    expect(last[0]!.extra).toBeUndefined();
    expect(p.flush()).toEqual([]);
  });

  it('groups a Python traceback, its final exception line included', () => {
    const all = parseAll([
      '2026-11-25 10:00:01,123 - app - ERROR - unhandled',
      'Traceback (most recent call last):',
      '  File "/app/main.py", line 10, in <module>',
      '    main()',
      '  File "/app/main.py", line 6, in main',
      '    int("x")',
      'ValueError: invalid literal for int() with base 10: \'x\'',
      '2026-11-25 10:00:02,000 - app - INFO - next',
    ]);
    expect(all).toHaveLength(2);
    expect(all[0]!.extra).toHaveLength(6);
    expect(all[0]!.extra![5]).toMatch(/^ValueError/);
    expect(all[1]!.text).toBe('app - next');
  });

  it('a bare traceback is one entry, chained exceptions included', () => {
    const all = parseAll([
      'Traceback (most recent call last):',
      '  File "a.py", line 1, in <module>',
      'KeyError: \'k\'',
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "a.py", line 3, in <module>',
      'RuntimeError: wrapped',
      'INFO:root:after',
    ]);
    expect(all).toHaveLength(2);
    expect(all[0]!.extra).toHaveLength(8);
    expect(all[1]).toMatchObject({ format: 'python', level: 'info' });
  });

  it('groups a Go panic', () => {
    const all = parseAll([
      'panic: runtime error: index out of range [5] with length 3',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/tmp/sandbox/prog.go:8 +0x1d',
      'created by net/http.(*Server).Serve in goroutine 1',
      '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4',
      'exit status 2',
    ]);
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({ level: 'fatal', text: 'runtime error: index out of range [5] with length 3' });
    expect(all[0]!.extra).toHaveLength(6);
    expect(all[1]!.text).toBe('exit status 2');
  });

  it('indented lines continue, blank lines outside traces do not, and extra is capped', () => {
    const all = parseAll(['first', '  more', 'second', '', 'third']);
    expect(all.map((e) => e.text)).toEqual(['first', 'second', '', 'third']);
    expect(all[0]!.extra).toEqual(['  more']);
    const lines = ['Exception in thread "main" java.lang.RuntimeException: x'];
    for (let i = 0; i < MAX_EXTRA + 3; i++) lines.push(`\tat a.B.c(B.java:${i})`);
    const capped = parseAll(lines);
    expect(capped).toHaveLength(2);
    expect(capped[0]!.extra).toHaveLength(MAX_EXTRA);
    expect(capped[1]!.raw).toBe(`\tat a.B.c(B.java:${MAX_EXTRA})`);
    expect(capped[1]!.extra).toHaveLength(2);
    // A continuation with nothing pending starts an entry.
    expect(parseAll(['  orphan'])[0]!.text).toBe('  orphan');
  });
});

describe('timestamps', () => {
  it('the external time wins over the line', () => {
    const p = new EntryParser();
    p.push('2026-11-25T10:00:01Z ERROR x', 42);
    expect(p.flush()[0]).toMatchObject({ time: 42, level: 'error' });
    p.push('no time here', 7);
    expect(p.flush()[0]!.time).toBe(7);
  });

  it('splits the Kubernetes timestamps=true prefix to the ms', () => {
    expect(splitKubeTimestamp('2026-01-02T03:04:05.123456789Z hello world')).toEqual([utc(2026, 1, 2, 3, 4, 5, 123), 'hello world']);
    expect(splitKubeTimestamp('2026-01-02T03:04:05Z ')).toEqual([utc(2026, 1, 2, 3, 4, 5), '']);
    expect(splitKubeTimestamp('2026-01-02T03:04:05.9+02:00 x')).toEqual([utc(2026, 1, 2, 1, 4, 5, 900), 'x']);
    expect(splitKubeTimestamp('hello')).toBeUndefined();
    expect(splitKubeTimestamp('2026-01-02 03:04:05 x')).toBeUndefined();
  });

  it('treats zoneless timestamps as UTC and guesses the syslog year', () => {
    expect(one('2026-02-28 23:59:59.999 INFO leap').time).toBe(utc(2026, 2, 28, 23, 59, 59, 999));
    expect(one('2024-02-29T00:00:00 INFO leap').time).toBe(utc(2024, 2, 29, 0, 0, 0));
    const e = new EntryParser();
    e.push('Jan  1 00:00:00 h a: x');
    const t = e.flush()[0]!.time!;
    expect(new Date(t).getUTCFullYear()).toBeGreaterThanOrEqual(new Date().getUTCFullYear());
  });
});

describe('ANSI', () => {
  it('keeps colours in the text and strips them on request', () => {
    const line = '2026-11-25T10:00:01.123Z \x1b[31mERROR\x1b[0m 1 --- [main] \x1b[36mc.e.Foo\x1b[0m : failed';
    const e = one(line);
    expect(e).toMatchObject({ format: 'java', level: 'error', time: utc(2026, 11, 25, 10, 0, 1, 123), raw: line });
    expect(e.text).toBe('1 --- [main] \x1b[36mc.e.Foo\x1b[0m : failed');
    expect(stripAnsi(e.text)).toBe('1 --- [main] c.e.Foo : failed');
    expect(one('\x1b[33mWARN\x1b[0m careful')).toMatchObject({ level: 'warn', text: 'careful' });
    expect(stripAnsi('\x1b[1;32mok\x1b[0m \x1b]0;title\x07done\x1b(B')).toBe('ok done');
    expect(stripAnsi('plain')).toBe('plain');
  });
});

describe('throughput', () => {
  it('parses 200k generated mixed lines', () => {
    const samples = [
      '93.184.216.34 - - [25/Nov/2026:10:00:01 +0100] "GET /api/v1/users?page=2 HTTP/1.1" 200 5316 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64)"',
      '{"level":"info","ts":1795600801.123456,"caller":"server/main.go:42","msg":"request served","path":"/api","status":200,"duration":0.0123}',
      'ts=2026-11-25T10:00:01.123Z caller=main.go:51 level=info msg="request served" path=/api status=200',
      'I1125 10:00:01.123456       1 schedule_one.go:286] "Successfully bound pod to node" pod="default/web-7d4b9" node="node-2"',
      '2026-11-25T10:00:01.123Z  INFO 1 --- [main] o.s.b.w.e.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http)',
      'Nov 25 10:00:01 web-1 sshd[12345]: Accepted publickey for deploy from 10.0.0.5 port 52144 ssh2',
      '2026-11-25 10:00:01,123 - myapp.db - ERROR - connection lost',
      'plain text output from some tool without any structure at all',
    ];
    // Sources are homogeneous: blocks of 1000 lines per format, as a merged file would be.
    const lines: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const s = samples[Math.floor(i / 1000) % samples.length]!;
      lines.push(s.replace('10:00:01', `10:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`));
    }
    const p = new EntryParser({ year: 2026 });
    let entries = 0;
    const start = Date.now();
    for (const l of lines) entries += p.push(l).length;
    entries += p.flush().length;
    const ms = Math.max(1, Date.now() - start);
    console.log(`[logs] parsed ${lines.length} lines in ${ms} ms: ${Math.round((lines.length / ms) * 1000)} lines/s`);
    expect(entries).toBe(lines.length);
  });
});
