// The scanner must agree with EntryParser: same entry boundaries, times,
// levels and formats, over every sample line of parse.test.ts (alone, and in
// one file where the parsers' "last format" choice carries from line to
// line), over the benchmark's mixed log cut into chunks anywhere, and over
// stack traces, CR LF, colours and blank lines.
import { describe, expect, it } from 'vitest';
import { LEVEL_ORDER, LineScanner, ScanBatch } from './lite';
import { EntryParser, MAX_EXTRA } from './parse';
import { mixedLogLines } from './testing/mixed';

/** Every literal of parse.test.ts: log lines of many formats, and some text that is none. */
const SAMPLES: string[] = [
  './parse',
  'levelOf',
  'normalises the usual words',
  'Warning',
  'Information',
  'SEVERE',
  'nginx combined',
  '93.184.216.34 - - [25/Nov/2026:10:00:01 +0100] "GET /api/v1/users?page=2 HTTP/1.1" 200 5316 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"',
  '93.184.216.34',
  '/api/v1/users?page=2',
  'HTTP/1.1',
  'https://example.com/',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36',
  '93.184.216.34 - - "GET /api/v1/users?page=2 HTTP/1.1" 200 5316 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"',
  '10.0.0.7 - - [25/Nov/2026:10:00:02 +0000] "POST /login HTTP/2.0" 502 157 "-" "curl/8.5.0"',
  '::1 - - [25/Nov/2026:10:00:02 +0000] "GET /missing HTTP/1.1" 404 0 "-" "kube-probe/1.30"',
  'apache common',
  '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  '127.0.0.1',
  '/apache_pb.gif',
  'syslog from Debian (RFC 3164), the year from the option, the level from the message',
  'Nov 25 10:00:01 web-1 sshd[12345]: Accepted publickey for deploy from 10.0.0.5 port 52144 ssh2',
  'Nov  5 06:25:01 web-1 CRON[998]: (root) CMD (test -x /usr/sbin/anacron || run-parts --report /etc/cron.daily)',
  'Nov 25 10:00:03 web-1 kernel: [12345.678901] EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0',
  'web-1 sshd[12345]: Accepted publickey for deploy from 10.0.0.5 port 52144 ssh2',
  'Nov 25 10:00:04 db-1 postgres[77]: WARNING:  could not open statistics file',
  'journald-like output (short and short-iso) and journald JSON',
  'Nov 25 10:00:01 node-3 systemd[1]: Started session-42.scope - Session 42 of User deploy.',
  'node-3',
  '2026-11-25T10:00:01+0100 node-3 kubelet[812]: E1125 10:00:01.123456     812 pod_workers.go:1298] "Error syncing pod"',
  '{"__REALTIME_TIMESTAMP":"1795600801123456","PRIORITY":"3","_HOSTNAME":"node-3","SYSLOG_IDENTIFIER":"nginx","MESSAGE":"upstream timed out"}',
  'upstream timed out',
  'RFC 5424',
  '<34>1 2026-11-25T10:00:01.003Z mymachine.example.com su - ID47 - \'su root\' failed for lonvick on /dev/pts/8',
  'rfc5424',
  'su root',
  '<165>1 2026-11-25T22:14:15.003+02:00 myhost evntslog 4711 ID47 [exampleSDID@32473 iut="3" eventSource="App\\]" eventID="1011"] An application event',
  'An application event',
  '<11>1 - host app - - - boom',
  '<30>Nov 25 10:00:01 host dockerd[5]: ok',
  'klog from kube-scheduler',
  'I1125 10:00:01.123456       1 schedule_one.go:286] "Successfully bound pod to node" pod="default/web-7d4b9" node="node-2" evaluatedNodes=3 feasibleNodes=2',
  'E1125 10:00:02.000999       1 framework.go:1120] "Failed running Bind plugin" err="pods \\"x\\" not found"',
  '1 schedule_one.go:286] "Successfully bound pod to node" pod="default/web-7d4b9" node="node-2" evaluatedNodes=3 feasibleNodes=2',
  'W1125 10:00:01.5 1 x.go:1] w',
  'Python logging',
  '2026-11-25 10:00:01,123 - myapp.db - ERROR - connection lost',
  'myapp.db - connection lost',
  'ERROR:root:could not connect',
  'root:could not connect',
  'WARNING:urllib3.connectionpool:Retrying (Retry(total=2))',
  'Spring Boot and logback/log4j',
  '2026-11-25T10:00:01.123Z  WARN 1 --- [main] o.s.b.a.l.ConditionEvaluationReportLogger : Error starting ApplicationContext.',
  '1 --- [main] o.s.b.a.l.ConditionEvaluationReportLogger : Error starting ApplicationContext.',
  '2026-11-25T10:00:01.123+01:00  INFO 12345 --- [myapp] [           main] o.s.b.w.e.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http)',
  '2026-11-25 10:00:01.123 ERROR [main] c.e.Foo - Request failed',
  '[main] c.e.Foo - Request failed',
  '2026-11-25 10:00:01,456 [http-nio-8080-exec-1] DEBUG com.example.Bar - cache miss',
  '[http-nio-8080-exec-1] com.example.Bar - cache miss',
  '10:00:01.123 [main] INFO  c.e.App - Started App in 2.1 seconds',
  '[main] c.e.App - Started App in 2.1 seconds',
  'generic ISO timestamp + level, bracketed levels, nginx error log, plain',
  '2026-11-25T10:00:01Z ERROR database unreachable',
  'database unreachable',
  '[2026-11-25 10:00:01] [warn] disk 91% full',
  'disk 91% full',
  '2026/11/25 10:00:01 [error] 31#31: *7 connect() failed (111: Connection refused) while connecting to upstream',
  '31#31: *7 connect() failed (111: Connection refused) while connecting to upstream',
  '2026-11-25 10:00:01.123 UTC [88] LOG:  checkpoint starting: time',
  '2026/11/25 10:00:01 listening on :8080',
  'listening on :8080',
  '[ERROR] build failed',
  'build failed',
  'WARN: deprecated flag',
  'deprecated flag',
  'Error: ENOENT: no such file',
  'ENOENT: no such file',
  'Error connecting to the database',
  'Listening on port 3000',
  'JSON from zap, pino, bunyan, logrus, ECS, docker',
  '{"level":"info","ts":1795600801.123456,"caller":"server/main.go:42","msg":"listening","addr":":8080","tags":["a","b"],"req":{"id":"r1","size":12}}',
  '1795600801.123456',
  'server/main.go:42',
  '["a","b"]',
  '{"level":50,"time":1795600801123,"pid":7,"hostname":"api-1","msg":"request failed"}',
  'request failed',
  '{"name":"api","hostname":"h","pid":1,"level":40,"msg":"slow","time":"2026-11-25T10:00:01.123Z","v":0}',
  '{"level":"warning","msg":"retrying","time":"2026-11-25T10:00:01+01:00"}',
  '{"@timestamp":"2026-11-25T10:00:01.5Z","log":{"level":"error"},"message":"boom"}',
  '{"log":"hello\\n","stream":"stdout","time":"2026-11-25T10:00:01.123456789Z"}',
  '{"@t":"2026-11-25T10:00:01Z","@mt":"Started {App}","App":"x"}',
  'Started {App}',
  '{"event":"tick","n":null,"ok":true}',
  '{not json}',
  'logfmt from Go kit and Heroku, logrus text',
  'ts=2026-11-25T10:00:01.123Z caller=main.go:51 level=info msg="quoted \\" value" key=val',
  'quoted " value',
  '2026-11-25T10:00:01.123Z',
  'main.go:51',
  '2026-11-25T10:00:01.123456+00:00 heroku[router]: at=error code=H12 desc="Request timeout" method=GET path="/" host=myapp.herokuapp.com status=503 bytes=0 protocol=https',
  'Request timeout',
  'time="2026-11-25T10:00:01Z" level=warning msg="disk almost full" used=91',
  'disk almost full',
  'x=1 is the answer',
  // Empty values, last and in the middle (a fast path once refused the first).
  'level=warn msg=empty host=',
  'ts=2026-11-25T10:00:01Z level= msg="no level" host=',
  'multi-line entries',
  'groups a Java stack trace with Caused by',
  'java.lang.IllegalStateException: Failed to process order 42',
  '\tat com.example.OrderService.process(OrderService.java:87)',
  '\tat com.example.OrderController.submit(OrderController.java:31)',
  'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\t... 12 more',
  '2026-11-25 10:00:02.000 INFO [main] c.e.Foo - recovered',
  '[main] c.e.Foo - recovered',
  'groups a Python traceback, its final exception line included',
  '2026-11-25 10:00:01,123 - app - ERROR - unhandled',
  'Traceback (most recent call last):',
  '  File "/app/main.py", line 10, in <module>',
  '    main()',
  '  File "/app/main.py", line 6, in main',
  '    int("x")',
  'ValueError: invalid literal for int() with base 10: \'x\'',
  '2026-11-25 10:00:02,000 - app - INFO - next',
  'app - next',
  'a bare traceback is one entry, chained exceptions included',
  '  File "a.py", line 1, in <module>',
  'KeyError: \'k\'',
  'During handling of the above exception, another exception occurred:',
  '  File "a.py", line 3, in <module>',
  'RuntimeError: wrapped',
  'INFO:root:after',
  'groups a Go panic',
  'panic: runtime error: index out of range [5] with length 3',
  'goroutine 1 [running]:',
  'main.main()',
  '\t/tmp/sandbox/prog.go:8 +0x1d',
  'created by net/http.(*Server).Serve in goroutine 1',
  '\t/usr/local/go/src/net/http/server.go:3285 +0x4b4',
  'exit status 2',
  'runtime error: index out of range [5] with length 3',
  'indented lines continue, blank lines outside traces do not, and extra is capped',
  '  more',
  'Exception in thread "main" java.lang.RuntimeException: x',
  '  orphan',
  'the external time wins over the line',
  '2026-11-25T10:00:01Z ERROR x',
  'no time here',
  'splits the Kubernetes timestamps=true prefix to the ms',
  '2026-01-02T03:04:05.123456789Z hello world',
  'hello world',
  '2026-01-02T03:04:05Z ',
  '2026-01-02T03:04:05.9+02:00 x',
  '2026-01-02 03:04:05 x',
  'treats zoneless timestamps as UTC and guesses the syslog year',
  '2026-02-28 23:59:59.999 INFO leap',
  '2024-02-29T00:00:00 INFO leap',
  'Jan  1 00:00:00 h a: x',
  'keeps colours in the text and strips them on request',
  '2026-11-25T10:00:01.123Z \x1b[31mERROR\x1b[0m 1 --- [main] \x1b[36mc.e.Foo\x1b[0m : failed',
  '1 --- [main] \x1b[36mc.e.Foo\x1b[0m : failed',
  '1 --- [main] c.e.Foo : failed',
  '\x1b[33mWARN\x1b[0m careful',
  '\x1b[1;32mok\x1b[0m \x1b]0;title\x07done\x1b(B',
  'ok done',
  'parses 200k generated mixed lines',
  '93.184.216.34 - - [25/Nov/2026:10:00:01 +0100] "GET /api/v1/users?page=2 HTTP/1.1" 200 5316 "https://example.com/" "Mozilla/5.0 (X11; Linux x86_64)"',
  '{"level":"info","ts":1795600801.123456,"caller":"server/main.go:42","msg":"request served","path":"/api","status":200,"duration":0.0123}',
  'ts=2026-11-25T10:00:01.123Z caller=main.go:51 level=info msg="request served" path=/api status=200',
  'I1125 10:00:01.123456       1 schedule_one.go:286] "Successfully bound pod to node" pod="default/web-7d4b9" node="node-2"',
  '2026-11-25T10:00:01.123Z  INFO 1 --- [main] o.s.b.w.e.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http)',
  'plain text output from some tool without any structure at all',
  '10:00:01',
];

interface Seen {
  time: number | undefined;
  level: string;
  format: string;
  /** The entry's lines: first, then continuation lines. */
  lines: string[];
}

const YEAR = 2026;

function viaParser(lines: readonly string[]): Seen[] {
  const parser = new EntryParser({ year: YEAR });
  const out: Seen[] = [];
  const take = (entries: ReturnType<EntryParser['push']>) => {
    for (const e of entries) out.push({ time: e.time, level: e.level, format: e.format, lines: [e.raw, ...(e.extra ?? [])] });
  };
  for (const line of lines) take(parser.push(line));
  take(parser.flush());
  return out;
}

/** The lines joined into text and scanned in chunks cut after the given line counts (the rest in one). */
function viaScanner(lines: readonly string[], cuts: readonly number[] = [], eol = '\n'): Seen[] {
  const scanner = new LineScanner({ year: YEAR });
  const batch = new ScanBatch();
  const out: Seen[] = [];
  const take = () => {
    for (let i = 0; i < batch.count; i++) {
      const own = batch.own.get(i);
      const text = own ?? batch.text.slice(batch.start[i], batch.end[i]);
      const t = batch.time[i]!;
      out.push({ time: Number.isNaN(t) ? undefined : t, level: LEVEL_ORDER[batch.level[i]!]!, format: batch.format[i]!, lines: text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l)) });
    }
  };
  let from = 0;
  for (const cut of [...cuts, lines.length]) {
    if (cut <= from) continue;
    scanner.push(lines.slice(from, cut).map((l) => l + eol).join(''), batch);
    take();
    from = cut;
  }
  scanner.flush(batch);
  take();
  return out;
}

/** Where they first differ, for a readable failure. */
function firstDifference(a: Seen[], b: Seen[]): string | undefined {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) return `entry ${i}: parser ${JSON.stringify(a[i])}\n scanner ${JSON.stringify(b[i])}`;
  }
  return undefined;
}

function expectAgreement(lines: readonly string[], cuts: readonly number[] = [], eol = '\n'): void {
  expect(firstDifference(viaParser(lines), viaScanner(lines, cuts, eol))).toBeUndefined();
}

describe('LineScanner agrees with EntryParser', () => {
  it('on each sample line alone', () => {
    for (const line of SAMPLES) expect(firstDifference(viaParser([line]), viaScanner([line])), line).toBeUndefined();
  });

  it('on all samples in one file, and in reverse (the last format tried first carries over)', () => {
    expectAgreement(SAMPLES);
    expectAgreement([...SAMPLES].reverse(), [7, 8, 50]);
  });

  it('on 30,000 lines of the benchmark log cut into chunks anywhere, stack traces included', () => {
    const lines = [...mixedLogLines(30_000)];
    // A seeded walk of cut points: some fall inside stack traces.
    const cuts: number[] = [];
    let seed = 7;
    for (let at = 0; at < lines.length; ) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      at += 1 + (seed % 900);
      cuts.push(at);
    }
    expectAgreement(lines, cuts);
    expect(viaScanner(lines, cuts).some((e) => e.lines.length > 3)).toBe(true);
  });

  it('on stack traces cut at every line, CR LF endings, blank lines, colours, odd JSON and the continuation cap', () => {
    const trace = [
      '2026-11-25 10:00:01,123 ERROR [main] c.e.App - boom',
      'java.lang.IllegalStateException: bad',
      '\tat c.e.App.run(App.java:10)',
      'Caused by: java.io.IOException: disk',
      '\t... 3 more',
      '',
      'Traceback (most recent call last):',
      '  File "app.py", line 1, in <module>',
      'ValueError: nope',
      'panic: runtime error',
      '',
      'goroutine 1 [running]:',
      'main.main()',
      '\t/app/main.go:5 +0x1d',
      '\x1b[31mERROR\x1b[0m coloured line',
      'level=info msg="a \\"quoted\\" word" at=x',
      '{"level":"warn","time":"2026-11-25T10:00:01Z","msg":"tab\tinside"}',
      '{"level":30,"time":1795600801123,"msg":"pino","nested":{"a":1}}',
      '{"lvl":"x","severity":"ERROR","ts":"","time":"nope","timestamp":"2026-11-25T10:00:01Z","level":null}',
      '{"a":1,"a":2,"level":"info","level":"error"}',
      '{ "level" : "debug" , "ts" : 1795600801 }',
      '{"@mt":"serilog {X}","@t":"2026-11-25T10:00:01Z"}',
      '{"ts":"2026-11-25","level":"info"}',
      '{"ts":"2026-11-25T1","level":"info"}',
      '{"ts":"2026-11-25T10:00:01.5+02:00","level":"info"}',
      '{"ts":"2026-11-25T10:00:01+0","level":"info"}',
      '{"time":"2026-11-25T10:00:01 UTC","level":"info"}',
      '{"time":"2026-11-25 10:00:01garbage","level":"info"}',
      '{"ts":"1795600801","level":"info"}',
      'ts="2026-11-25 10:00:01" level=warn msg=quoted-time',
      'ts=2026-11-25 10:00:01 level=warn msg=split-time',
      'Nov 25 10:00:01 host app[12]:no-space ERROR here',
      'Nov 25 10:00:01 host app[x]: not a pid, warning',
      'Nov 25 10:00:01 lonely',
      '{"level":"info","msg":"not json" ',
      'time= level= msg=bare key',
      'ts=2026-11-25T10:00:01Z lvl=WARN level=error at=info',
    ];
    for (let cut = 0; cut <= trace.length; cut++) expectAgreement(trace, [cut]);
    expectAgreement(trace, [], '\r\n');
    const long = ['2026-11-25 10:00:01 ERROR x', ...Array.from({ length: MAX_EXTRA + 20 }, (_, i) => `\tat frame${i}`)];
    expectAgreement(long, [100, 501, 502]);
    expect(viaScanner(long)).toHaveLength(2);
  });
});
