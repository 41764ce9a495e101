// The load-time scanner's common path, compiled to WebAssembly (see
// build.mjs beside it; fast.ts loads it). It is LineScanner.push from
// ../lite.ts line for line — the same multi-line grouping, the same "last
// parser first" choice and the same fast paths — over the chunk's bytes,
// with SIMD searches where the TypeScript uses indexOf. It only runs on a
// chunk that is ASCII without CR or ESC (so a byte offset is a string
// offset), and it is only ever sure or silent: for any line it has no exact
// answer for (an escape in a JSON string, a numeric time, a Python
// traceback, a parser without a fast path...) it stops BEFORE changing any
// state and returns the line's offset, and the TypeScript scanner takes that
// line as it always did. lite.test.ts checks both give the same entries.
#include <wasm_simd128.h>

#define EXPORT __attribute__((visibility("default")))
#define NAN_ (__builtin_nan(""))
#define EOFC 256
typedef unsigned char u8;
// A character of the line, 256 past its end (JavaScript's NaN: equal to nothing, not a digit).
static inline int at(const u8 *s, int n, int i) { return (unsigned)i < (unsigned)n ? (int)s[i] : EOFC; }
#define AT(i) at(s, n, (i))

enum { REJECT = 0, ACCEPT = 1, UNSURE = -1 };
// LEVEL_ORDER in lite.ts.
enum { TRACE, DEBUG, INFO, WARN, ERROR, FATAL, UNKNOWN };
// PARSER_KINDS in lite.ts (0: none).
enum { K_NONE, K_JSON, K_PRI, K_TIMESTAMPED, K_ACCESS, K_KLOG, K_SYSLOG, K_PYTHON, K_LOGFMT };
// Format codes fast.ts names (0: plain; 7 and up: formats only the TypeScript parser gives).
enum { F_JSON = 1, F_LOGFMT, F_ISO, F_JAVA, F_SYSLOG, F_ACCESS };
enum { MODE_NONE, MODE_TRACEBACK, MODE_GO };
#define MAX_EXTRA 500
#define DAY_MS 86400000.0

// ---------------------------------------------------------------- memory shared with fast.ts

// The scanner's state, in and out of every call (fast.ts keeps the LineScanner's fields in step).
enum {
  S_OPEN, S_OPEN_START, S_OPEN_END, S_PRE_FROM, S_PRE_END, S_OPEN_TIME, S_OPEN_LEVEL, S_OPEN_KIND, S_OPEN_FORMAT, S_EXTRA,
  S_LAST_KIND, S_LAST_DATED, S_MODE, S_LAST_INDENTED, S_GUESS_YEAR, S_YEAR, S_NOW, S_STATUS, S_COUNT, S_FIELDS
};
enum { DONE = 0, BAIL = 1, FULL = 2 };
#define CAP 16384
static double state[S_FIELDS];
static int out_start[CAP];
static int out_end[CAP];
static double out_time[CAP];
static u8 out_level[CAP];
static u8 out_kind[CAP];
static u8 out_format[CAP];
extern u8 __heap_base;

EXPORT double *state_ptr(void) { return state; }
EXPORT int *out_start_ptr(void) { return out_start; }
EXPORT int *out_end_ptr(void) { return out_end; }
EXPORT double *out_time_ptr(void) { return out_time; }
EXPORT u8 *out_level_ptr(void) { return out_level; }
EXPORT u8 *out_kind_ptr(void) { return out_kind; }
EXPORT u8 *out_format_ptr(void) { return out_format; }
EXPORT int capacity(void) { return CAP; }

/** Where the chunk goes, with room for `len` bytes (memory grown as needed); 0 when it cannot grow. */
EXPORT u8 *input(int len) {
  unsigned long need = (unsigned long)&__heap_base + (unsigned long)len + 16;
  unsigned long have = __builtin_wasm_memory_size(0) * 65536ul;
  if (need > have && __builtin_wasm_memory_grow(0, (need - have + 65535) / 65536) == (unsigned long)-1) return 0;
  return &__heap_base;
}

// ---------------------------------------------------------------- searching

/** The first `ch` in s[i, n), else n. */
static int find(const u8 *s, int i, int n, u8 ch) {
  v128_t needle = wasm_i8x16_splat((char)ch);
  while (i + 16 <= n) {
    int m = wasm_i8x16_bitmask(wasm_i8x16_eq(wasm_v128_load(s + i), needle));
    if (m) return i + __builtin_ctz(m);
    i += 16;
  }
  while (i < n && s[i] != ch) i++;
  return i;
}

/** The first of either byte from i, or n: one pass where two finds would make two. */
static int find_either(const u8 *s, int i, int n, u8 a, u8 b) {
  v128_t va = wasm_i8x16_splat((char)a), vb = wasm_i8x16_splat((char)b);
  while (i + 16 <= n) {
    v128_t v = wasm_v128_load(s + i);
    int m = wasm_i8x16_bitmask(wasm_v128_or(wasm_i8x16_eq(v, va), wasm_i8x16_eq(v, vb)));
    if (m) return i + __builtin_ctz(m);
    i += 16;
  }
  while (i < n && s[i] != a && s[i] != b) i++;
  return i;
}

/** JavaScript's indexOf for a string of two or three characters, from i; -1 if none. */
static int find_seq(const u8 *s, int i, int n, const char *seq, int len) {
  for (;;) {
    i = find(s, i, n, (u8)seq[0]);
    if (i + len > n) return -1;
    int j = 1;
    while (j < len && s[i + j] == (u8)seq[j]) j++;
    if (j == len) return i;
    i++;
  }
}

/** Whether the chunk is ASCII with no CR and no ESC: the only chunks scanned here. */
EXPORT int plain_ascii(int len) {
  const u8 *s = &__heap_base;
  v128_t cr = wasm_i8x16_splat(13), esc = wasm_i8x16_splat(27), bad = wasm_i8x16_splat(0);
  int i = 0;
  for (; i + 16 <= len; i += 16) {
    v128_t v = wasm_v128_load(s + i);
    bad = wasm_v128_or(bad, wasm_v128_or(v, wasm_v128_or(wasm_i8x16_eq(v, cr), wasm_i8x16_eq(v, esc))));
  }
  if (wasm_i8x16_bitmask(bad)) return 0;
  for (; i < len; i++)
    if (s[i] >= 128 || s[i] == 13 || s[i] == 27) return 0;
  return 1;
}

// How many bytes of the input equal ch (a file's lines counted back from its end, without a JavaScript call per line).
EXPORT int count_byte(int len, int ch) {
  const u8 *s = &__heap_base;
  v128_t want = wasm_i8x16_splat((char)ch);
  int count = 0, i = 0;
  while (i + 16 <= len) {
    // Up to 255 blocks summed per lane before the lanes overflow.
    int stop = i + 16 * 255 < len ? i + 16 * 255 : len;
    v128_t sums = wasm_i8x16_splat(0);
    for (; i + 16 <= stop; i += 16) sums = wasm_i8x16_sub(sums, wasm_i8x16_eq(wasm_v128_load(s + i), want));
    v128_t wide = wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(sums));
    count += wasm_i32x4_extract_lane(wide, 0) + wasm_i32x4_extract_lane(wide, 1) + wasm_i32x4_extract_lane(wide, 2) + wasm_i32x4_extract_lane(wide, 3);
  }
  for (; i < len; i++) count += s[i] == (u8)ch;
  return count;
}

static int starts(const u8 *s, int n, int i, const char *word) {
  for (int j = 0; word[j]; j++)
    if (AT(i + j) != (u8)word[j]) return 0;
  return 1;
}

static int equals(const u8 *s, int from, int to, const char *word) {
  int j = 0;
  for (; word[j]; j++)
    if (from + j >= to || s[from + j] != (u8)word[j]) return 0;
  return from + j == to;
}

static inline int isdig(int c) { return c >= 48 && c <= 57; }
static inline int is_space(int c) { return c == 32 || (c >= 9 && c <= 13); } // JavaScript's \s and trim(), for ASCII
static int skip_spaces(const u8 *s, int n, int i) {
  while (AT(i) == 32 || AT(i) == 9) i++;
  return i;
}
static int word_end(const u8 *s, int n, int i) {
  while (i < n) {
    int c = s[i];
    if (c == 32 || c == 58 || c == 91 || c == 93 || c == 9) break;
    i++;
  }
  return i;
}

// ---------------------------------------------------------------- levels (parse.ts: LEVEL_WORDS, levelOf)

static const char *const LEVEL_WORDS[] = {
  "trace", "trc", "trac", "trce", "finest", "finer", "verbose", "vrb", "v", "t", 0,
  "debug", "dbg", "debu", "dbug", "fine", "config", "d", 0,
  "info", "inf", "information", "informational", "notice", "i", "n", 0,
  "warn", "warning", "wrn", "wrng", "w", 0,
  "error", "err", "erro", "eror", "severe", "e", 0,
  "fatal", "fata", "ftl", "crit", "critical", "crt", "panic", "pani", "dpanic", "emerg", "emergency", "alert", "f", "c", 0,
};

/** levelOf(s.slice(from, to)) for ASCII: a level word in any case, else -1. */
static int level_of(const u8 *s, int from, int to) {
  int len = to - from;
  if (len < 1 || len > 13) return -1;
  u8 lower[13];
  for (int i = 0; i < len; i++) {
    u8 c = s[from + i];
    lower[i] = c >= 65 && c <= 90 ? c | 32 : c;
  }
  int level = 0;
  for (int w = 0; level < UNKNOWN; w++) {
    const char *word = LEVEL_WORDS[w];
    if (!word) {
      level++;
      continue;
    }
    int j = 0;
    while (j < len && word[j] == (char)lower[j]) j++;
    if (j == len && !word[j]) return level;
  }
  return -1;
}

/** levelOf(s.slice(from, to).trim()): -1 none, -2 unsure (whitespace to trim: left to the TypeScript). */
static int level_of_trimmed(const u8 *s, int from, int to) {
  int level = level_of(s, from, to);
  if (level < 0 && to > from && (is_space(s[from]) || is_space(s[to - 1]))) return -2;
  return level;
}

static const u8 SYSLOG_SEVERITY[8] = { FATAL, FATAL, FATAL, ERROR, WARN, INFO, INFO, DEBUG };

static int numeric_level(int v) {
  if (v >= 60) return FATAL;
  if (v >= 50) return ERROR;
  if (v >= 40) return WARN;
  if (v >= 30) return INFO;
  if (v >= 20) return DEBUG;
  if (v >= 10) return TRACE;
  return v >= 0 && v <= 7 ? SYSLOG_SEVERITY[v] : UNKNOWN;
}

// ---------------------------------------------------------------- time (parse.ts: parseClock, parseZone, parseIso, parseClfAt)

static int time_end;

static inline int digit(const u8 *s, int n, int i) {
  int d = AT(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}
static inline int d2(const u8 *s, int n, int i) {
  int a = digit(s, n, i), b = digit(s, n, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

static double cached_y = -1, cached_m = -1, cached_d = -1, cached_days;

/** Days since 1970-01-01 (proleptic Gregorian), cached for the last date (log lines come in runs of one day). */
static double days_from_civil(double y, double m, double d) {
  if (y == cached_y && m == cached_m && d == cached_d) return cached_days;
  cached_y = y;
  cached_m = m;
  cached_d = d;
  double yy = m <= 2 ? y - 1 : y;
  double era = __builtin_floor(yy / 400);
  double yoe = yy - era * 400;
  double doy = __builtin_floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  double doe = yoe * 365 + __builtin_floor(yoe / 4) - __builtin_floor(yoe / 100) + doy;
  return cached_days = era * 146097 + doe - 719468;
}

/** The year (UTC) of a day number (days since 1970-01-01): Howard Hinnant's civil_from_days. */
static double year_of_day(double z) {
  z += 719468;
  double era = __builtin_floor(z / 146097);
  double doe = z - era * 146097;
  double yoe = __builtin_floor((doe - __builtin_floor(doe / 1460) + __builtin_floor(doe / 36524) - __builtin_floor(doe / 146096)) / 365);
  double y = yoe + era * 400;
  double doy = doe - (365 * yoe + __builtin_floor(yoe / 4) - __builtin_floor(yoe / 100));
  double mp = __builtin_floor((5 * doy + 2) / 153);
  double m = mp < 10 ? mp + 3 : mp - 9;
  return m <= 2 ? y + 1 : y;
}

static double parse_clock(const u8 *s, int n, int i) {
  int h = d2(s, n, i), m = d2(s, n, i + 3), sec = d2(s, n, i + 6);
  if (h < 0 || m < 0 || sec < 0 || AT(i + 2) != 58 || AT(i + 5) != 58 || h > 24 || m > 59 || sec > 60) return NAN_;
  double ms = 0;
  int j = i + 8;
  int sep = AT(j);
  if ((sep == 46 || sep == 44) && isdig(AT(j + 1))) {
    ms = (AT(++j) - 48) * 100;
    int d = digit(s, n, ++j);
    if (d >= 0) {
      ms += d * 10;
      d = digit(s, n, ++j);
      if (d >= 0) {
        ms += d;
        d = digit(s, n, ++j);
        if (d >= 0) {
          double scale = 0.1;
          for (; d >= 0; d = digit(s, n, ++j)) {
            ms += d * scale;
            scale /= 10;
          }
          ms = __builtin_floor(ms);
        }
      }
    }
  }
  time_end = j;
  return h * 3600000.0 + m * 60000.0 + sec * 1000.0 + ms;
}

static double parse_zone(const u8 *s, int n, int i) {
  int c = AT(i);
  if (c == 90 || c == 122) {
    time_end = i + 1;
    return 0;
  }
  if (c == 43 || c == 45) {
    int h = d2(s, n, i + 1);
    if (h < 0) return 0;
    int m = 0, end = i + 3;
    if (AT(end) == 58 && d2(s, n, end + 1) >= 0) {
      m = d2(s, n, end + 1);
      end += 3;
    } else if (d2(s, n, end) >= 0) {
      m = d2(s, n, end);
      end += 2;
    }
    time_end = end;
    double off = h * 3600000.0 + m * 60000.0;
    return c == 43 ? off : -off;
  }
  if (c == 32 && (starts(s, n, i + 1, "UTC") || starts(s, n, i + 1, "GMT"))) {
    int after = AT(i + 4);
    if (after == EOFC || after == 32 || after == 93) time_end = i + 4;
  }
  return 0;
}

static double parse_iso(const u8 *s, int n, int i) {
  int sep = AT(i + 4);
  if ((sep != 45 && sep != 47) || AT(i + 7) != sep) return NAN_;
  int century = d2(s, n, i), year = d2(s, n, i + 2), mo = d2(s, n, i + 5), d = d2(s, n, i + 8);
  int t = AT(i + 10);
  if (century < 0 || year < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || (t != 84 && t != 32 && t != 116)) return NAN_;
  double clock = parse_clock(s, n, i + 11);
  if (clock != clock) return NAN_;
  double off = parse_zone(s, n, time_end);
  return days_from_civil(century * 100 + year, mo, d) * DAY_MS + clock - off;
}

static const char MONTH_NAMES[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
static int month_at(const u8 *s, int n, int i) {
  int a = AT(i), b = AT(i + 1), c = AT(i + 2);
  for (int m = 0; m < 12; m++)
    if (a == MONTH_NAMES[m * 3] && b == MONTH_NAMES[m * 3 + 1] && c == MONTH_NAMES[m * 3 + 2]) return m + 1;
  return 0;
}

static double parse_clf_at(const u8 *s, int n, int i) {
  int d = d2(s, n, i);
  int month = month_at(s, n, i + 3);
  int y = d2(s, n, i + 7) * 100 + d2(s, n, i + 9);
  if (d < 0 || !month || y < 0 || AT(i + 11) != 58) return NAN_;
  double clock = parse_clock(s, n, i + 12);
  if (clock != clock) return NAN_;
  double off = parse_zone(s, n, AT(time_end) == 32 ? time_end + 1 : time_end);
  return days_from_civil(y, month, d) * DAY_MS + clock - off;
}

// ---------------------------------------------------------------- what a fast path found

static double found_time;
static int found_level, found_format;

// ---------------------------------------------------------------- JSON (lite.ts: liteJson)

// JSON_TIME, JSON_LEVEL, then '@mt', '@m', '__proto__' (parse.ts / lite.ts order).
static const char *const JSON_KEYS[] = {
  "time", "ts", "timestamp", "@timestamp", "t", "@t", "__REALTIME_TIMESTAMP",
  "level", "lvl", "severity", "levelname", "log.level", "@l", "PRIORITY",
  "@mt", "@m", "__proto__",
};
#define JSON_TIMES 7
#define JSON_LEVELS 7
#define AT_MT 14
#define AT_M 15
#define PROTO 16
#define JSON_KEY_COUNT 17
enum { T_STRING = 1, T_NUMBER, T_OTHER };
static int json_start[JSON_KEY_COUNT], json_end[JSON_KEY_COUNT], json_type[JSON_KEY_COUNT];

static const u8 JSON_KEY_LEN[JSON_KEY_COUNT] = { 4, 2, 9, 10, 1, 2, 20, 5, 3, 8, 9, 9, 2, 8, 3, 2, 9 };

/** Which of JSON_KEYS s[from, to) is, -1 if none: most keys are told apart by their length and first character. */
static int json_key(const u8 *s, int from, int to) {
  int len = to - from;
  // The lengths JSON_KEYS have: most other keys are told apart by that alone.
  if (len < 1 || len > 20 || !((1u << len) & ((1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5) | (1u << 8) | (1u << 9) | (1u << 10) | (1u << 20)))) return -1;
  for (int k = 0; k < JSON_KEY_COUNT; k++)
    if (JSON_KEY_LEN[k] == len && (u8)JSON_KEYS[k][0] == s[from] && equals(s, from, to, JSON_KEYS[k])) return k;
  return -1;
}

static inline int json_space(int c) { return c == 32 || c == 9 || c == 10 || c == 13; }

static int json_number_end(const u8 *s, int n, int i) {
  if (AT(i) == 45) i++;
  int c = AT(i);
  if (c == 48) c = AT(++i);
  else if (c >= 49 && c <= 57)
    while (isdig(c = AT(++i)));
  else return -1;
  if (c == 46) {
    if (!isdig(AT(++i))) return -1;
    while (isdig(c = AT(++i)));
  }
  if (c == 101 || c == 69) {
    int sign = AT(++i);
    if (sign == 43 || sign == 45) i++;
    if (!isdig(AT(i))) return -1;
    while (isdig(AT(++i)));
  }
  return i;
}

/** A short run of digits as a number (jsonValue's integer case), else -1 (JavaScript's Number(): left to the TypeScript). */
static int json_small_int(const u8 *s, int k) {
  int start = json_start[k], end = json_end[k];
  if (end - start > 9) return -1;
  int v = 0;
  for (int i = start; i < end; i++) {
    int d = s[i] - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

static int lite_json(const u8 *s, int n) {
  if (AT(0) != 123 || AT(n - 1) != 125) return REJECT;
  if (find_either(s, 0, n, '\\', '\t') < n) return UNSURE;
  int seen = 0;
  int i = 1;
  int c = AT(i);
  while (json_space(c)) c = AT(++i);
  for (;;) {
    if (c != 34) return UNSURE;
    int key_start = i + 1;
    int key_end = find(s, key_start, n, '"');
    if (key_end >= n) return UNSURE;
    int k = json_key(s, key_start, key_end);
    if (k == PROTO) return UNSURE;
    i = key_end + 1;
    c = AT(i);
    while (json_space(c)) c = AT(++i);
    if (c != 58) return UNSURE;
    c = AT(++i);
    while (json_space(c)) c = AT(++i);
    int vs = i, ve, type;
    if (c == 34) {
      vs = i + 1;
      ve = find(s, vs, n, '"');
      if (ve >= n) return UNSURE;
      i = ve + 1;
      type = T_STRING;
    } else if (c == 45 || isdig(c)) {
      ve = json_number_end(s, n, i);
      if (ve < 0) return UNSURE;
      i = ve;
      type = T_NUMBER;
    } else if (c == 116 && starts(s, n, i, "true")) {
      ve = i += 4;
      type = T_OTHER;
    } else if (c == 102 && starts(s, n, i, "false")) {
      ve = i += 5;
      type = T_OTHER;
    } else if (c == 110 && starts(s, n, i, "null")) {
      ve = i += 4;
      type = T_OTHER;
    } else return UNSURE;
    if (k >= 0) {
      if (seen & (1 << k)) return UNSURE;
      seen |= 1 << k;
      json_start[k] = vs;
      json_end[k] = ve;
      json_type[k] = type;
    }
    c = AT(i);
    while (json_space(c)) c = AT(++i);
    if (c == 44) {
      c = AT(++i);
      while (json_space(c)) c = AT(++i);
      continue;
    }
    if (c == 125 && i == n - 1) break;
    return UNSURE;
  }
  double time = NAN_;
  for (int k = 0; k < JSON_TIMES; k++) {
    if (!(seen & (1 << k))) continue;
    if (json_type[k] == T_OTHER || json_end[k] == json_start[k]) continue; // timeValue(true/false/null or ''): none, the next key is asked
    if (json_type[k] == T_STRING) {
      double t = parse_iso(s, n, json_start[k]);
      if (t == t) {
        time = t;
        break;
      }
    }
    return UNSURE; // an epoch number, or a string Number() may read
  }
  int level = UNKNOWN;
  for (int j = 0; j < JSON_LEVELS; j++) {
    int k = JSON_TIMES + j;
    if (!(seen & (1 << k))) continue;
    int priority = k == JSON_TIMES + 6;
    if (json_type[k] == T_STRING) {
      level = level_of_trimmed(s, json_start[k], json_end[k]);
      if (level == -2) return UNSURE;
      if (level < 0) {
        // jsonLevel: one or two digits as a number.
        int len = json_end[k] - json_start[k];
        int v = json_small_int(s, k);
        level = len >= 1 && len <= 2 && v >= 0 ? (priority ? (v < 8 ? SYSLOG_SEVERITY[v] : UNKNOWN) : numeric_level(v)) : UNKNOWN;
      }
    } else if (json_type[k] == T_NUMBER) {
      int v = json_small_int(s, k);
      if (v < 0) return UNSURE;
      level = priority ? (v < 8 ? SYSLOG_SEVERITY[v] : UNKNOWN) : numeric_level(v);
    } else level = UNKNOWN;
    if (level != UNKNOWN) break;
  }
  if (level == UNKNOWN && (seen & ((1 << AT_MT) | (1 << AT_M)))) level = INFO;
  found_time = time;
  found_level = level;
  found_format = F_JSON;
  return ACCEPT;
}

// ---------------------------------------------------------------- logfmt (lite.ts: liteLogfmt, logfmtSimple)

static const char *const LOGFMT_KEYS[] = { "ts", "time", "timestamp", "t", "@timestamp", "level", "lvl", "severity", "levelname", "at" };
#define LOGFMT_TIMES 5
#define LOGFMT_KEY_COUNT 10
#define NO_VALUE -2
static int lf_start[LOGFMT_KEY_COUNT], lf_end[LOGFMT_KEY_COUNT];

static inline int is_key_start(int c) { return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95 || c == 64; }

static const u8 LOGFMT_KEY_LEN[LOGFMT_KEY_COUNT] = { 2, 4, 9, 1, 10, 5, 3, 8, 9, 2 };

static void note_logfmt(const u8 *s, int key_start, int key_end, int start, int end) {
  int len = key_end - key_start;
  if (len < 1 || len > 10) return;
  for (int k = 0; k < LOGFMT_KEY_COUNT; k++)
    if (LOGFMT_KEY_LEN[k] == len && (u8)LOGFMT_KEYS[k][0] == s[key_start] && equals(s, key_start, key_end, LOGFMT_KEYS[k])) {
      lf_start[k] = start;
      lf_end[k] = end;
      return;
    }
}

static int logfmt_simple(const u8 *s, int n) {
  int pairs = 0, bare = 0, i = 0, quote = -1;
  while (i < n) {
    while (AT(i) == 32) i++;
    if (i >= n) break;
    int key_start = i;
    int space = find(s, i, n, ' ');
    if (quote < i) {
      quote = find(s, i, n, '"');
      if (quote == n) quote = n + 1;
    }
    int eq = find(s, i, n, '=');
    if (quote < eq && quote < space) return REJECT;
    if (space < eq) {
      bare++;
      note_logfmt(s, key_start, space, key_start, key_start);
      i = space;
      continue;
    }
    if (eq == n) {
      bare++;
      note_logfmt(s, key_start, n, key_start, key_start);
      break;
    }
    if (eq == key_start) return REJECT;
    int key_end = eq;
    i = eq + 1;
    if (i == quote) {
      int end = find(s, i + 1, n, '"');
      if (end >= n) return REJECT;
      note_logfmt(s, key_start, key_end, i + 1, end);
      i = end + 1;
    } else {
      note_logfmt(s, key_start, key_end, i, space);
      i = space;
    }
    pairs++;
  }
  return pairs >= 2 || (pairs == 1 && bare == 0) ? ACCEPT : REJECT;
}

static int lite_logfmt(const u8 *s, int n) {
  if (!is_key_start(AT(0))) return REJECT;
  int j = 0;
  for (; j < n; j++) {
    int c = s[j];
    if (c == 61) break;
    if (c == 32 || c == 34 || c == 9) return REJECT;
  }
  if (j == n) return REJECT;
  if (find_either(s, 0, n, '\\', '\t') < n) return UNSURE; // logfmtGeneral's escapes: the TypeScript
  for (int k = 0; k < LOGFMT_KEY_COUNT; k++) lf_start[k] = NO_VALUE;
  int verdict = logfmt_simple(s, n);
  if (verdict != ACCEPT) return verdict;
  double time = NAN_;
  for (int k = 0; k < LOGFMT_TIMES; k++) {
    if (lf_start[k] == NO_VALUE) continue;
    double t = parse_iso(s, n, lf_start[k]);
    if (t == t && time_end <= lf_end[k]) time = t;
    else if (lf_end[k] != lf_start[k]) return UNSURE; // timeValue of the slice: Number() and friends
    break;
  }
  int level = UNKNOWN;
  for (int k = LOGFMT_TIMES; k < LOGFMT_KEY_COUNT; k++) {
    if (lf_start[k] == NO_VALUE) continue;
    level = level_of(s, lf_start[k], lf_end[k]);
    if (level < 0) level = UNKNOWN;
    break;
  }
  found_time = time;
  found_level = level;
  found_format = F_LOGFMT;
  return ACCEPT;
}

// ---------------------------------------------------------------- ISO-led (lite.ts: liteTimestamped)

static int spring_pid(const u8 *s, int n, int after) {
  int limit = after + 24 < n ? after + 24 : n;
  int j = after;
  while (j < limit && isdig(s[j])) j++;
  if (j == after || j + 5 > limit) return 0;
  return s[j] == 32 && s[j + 1] == 45 && s[j + 2] == 45 && s[j + 3] == 45 && s[j + 4] == 32;
}

static int lite_timestamped(const u8 *s, int n) {
  int start = 0;
  int c0 = AT(0);
  if (c0 == 91) start = 1;
  else if (!isdig(c0)) return REJECT;
  if (!isdig(AT(start))) return REJECT;
  double time = parse_iso(s, n, start);
  if (time != time) {
    double clock = parse_clock(s, n, start);
    return clock != clock ? REJECT : UNSURE;
  }
  int i = time_end;
  if (start == 1) {
    if (AT(i) != 93) return REJECT;
    i++;
  }
  int sep = AT(i);
  if (i < n && sep != 32 && sep != 9 && sep != 58) return REJECT;
  if (sep == 58) i++;
  i = skip_spaces(s, n, i);
  if (starts(s, n, i, "- ")) return UNSURE;
  int p = i, level = -1, lv_end = 0, thread = 0;
  for (int k = 0; k < 3 && p < n; k++) {
    if (AT(p) == 91) {
      int close = find(s, p, n, ']');
      if (close >= n) break;
      int lv = -1;
      if (close - p <= 16) {
        lv = level_of_trimmed(s, p + 1, close);
        if (lv == -2) return UNSURE;
      }
      if (lv >= 0) {
        level = lv;
        lv_end = close + 1;
        if (AT(lv_end) == 58) lv_end++;
        break;
      }
      thread = 1;
      p = skip_spaces(s, n, close + 1);
      continue;
    }
    int end = word_end(s, n, p);
    int lv = end > p ? level_of(s, p, end) : -1;
    if (lv >= 0 && (end == n || AT(end) != 91 || k > 0 || AT(end) == 58)) {
      level = lv;
      lv_end = end;
      if (AT(lv_end) == 58) lv_end++;
    }
    break;
  }
  if (level < 0) return UNSURE;
  int after = skip_spaces(s, n, lv_end);
  int java = thread || AT(after) == 91 || spring_pid(s, n, after);
  found_time = time;
  found_level = level;
  found_format = java ? F_JAVA : F_ISO;
  return ACCEPT;
}

// ---------------------------------------------------------------- syslog (lite.ts: liteSyslog; parse.ts: levelInMessage)

static int syslog_tag_end(const u8 *s, int n, int i) {
  int j = i;
  for (; j < n; j++) {
    int c = s[j];
    if (c == 91 || c == 93 || is_space(c)) break;
  }
  if (j == i || AT(j) != 32) return -1;
  int app = ++j;
  for (; j < n; j++) {
    int c = s[j];
    if (c == 58 || c == 91 || c == 93 || is_space(c)) break;
  }
  if (j == app) return -1;
  if (AT(j) == 91) {
    int digits = ++j;
    while (isdig(AT(j))) j++;
    if (j == digits || AT(j) != 93) return -1;
    j++;
  }
  if (AT(j) != 58) return -1;
  j++;
  return AT(j) == 32 ? j + 1 : j;
}

/** leadingLevel's level: -1 none, -2 unsure. */
static int leading_level(const u8 *s, int n) {
  int i = skip_spaces(s, n, 0);
  if (AT(i) == 91) {
    int close = find(s, i, n, ']');
    if (close >= n || close - i > 16) return -1;
    return level_of_trimmed(s, i + 1, close);
  }
  int end = word_end(s, n, i);
  int len = end - i;
  if (len < 3 || len > 13) return -1;
  int c = AT(end);
  int colon = c == 58 && (AT(end + 1) == 32 || end + 1 == n);
  if (!colon && !(c == 32 || c == 9 || c == 91 || c == EOFC)) return -1;
  if (!colon)
    for (int j = i; j < end; j++)
      if (s[j] >= 97 && s[j] <= 122) return -1; // changesUpper
  return level_of(s, i, end);
}

// MSG_LEVEL's words: a match is a whole run of word characters (\b on both sides).
static const char *const MSG_WORDS[] = {
  "ERROR", "ERR", "WARN", "WARNING", "FATAL", "CRIT", "CRITICAL", "PANIC", "EMERG", "ALERT", "NOTICE", "INFO", "DEBUG", "TRACE",
  "Error", "error", "Warning", "warning", "Fatal", "fatal", "Critical", "critical", "Panic", "panic", "Debug", "debug", 0,
};
// \w for ASCII, and the letters a MSG_WORDS word begins with: tables, as a message is read word by word.
static const u8 WORD_CHAR[256] = {['0' ... '9'] = 1, ['A' ... 'Z'] = 1, ['a' ... 'z'] = 1, ['_'] = 1};
static const u8 LEVEL_FIRST[256] = {['E'] = 1, ['W'] = 1, ['F'] = 1, ['C'] = 1, ['P'] = 1, ['A'] = 1, ['N'] = 1, ['I'] = 1, ['D'] = 1,
                                    ['T'] = 1, ['e'] = 1, ['w'] = 1, ['f'] = 1, ['c'] = 1, ['p'] = 1, ['d'] = 1};
static inline int is_word(int c) { return (unsigned)c < 256 && WORD_CHAR[c]; }

static int level_in_message(const u8 *s, int n) {
  int lead = leading_level(s, n);
  if (lead != -1) return lead;
  int i = 0;
  while (i < n) {
    while (i < n && !WORD_CHAR[s[i]]) i++;
    int start = i;
    while (i < n && WORD_CHAR[s[i]]) i++;
    if (i - start >= 3 && i - start <= 8 && LEVEL_FIRST[s[start]])
      for (int w = 0; MSG_WORDS[w]; w++)
        if ((u8)MSG_WORDS[w][0] == s[start] && (u8)MSG_WORDS[w][1] == s[start + 1] && equals(s, start, i, MSG_WORDS[w])) return level_of(s, start, i);
  }
  return UNKNOWN;
}

static int lite_syslog(const u8 *s, int n, double year, double now) {
  int month = month_at(s, n, 0);
  if (!month || AT(3) != 32) return REJECT;
  int j = 4;
  if (AT(j) == 32) j++;
  if (!isdig(AT(j))) return REJECT;
  int day = AT(j++) - 48;
  if (isdig(AT(j))) day = day * 10 + AT(j++) - 48;
  if (AT(j) != 32) return REJECT;
  double clock = parse_clock(s, n, j + 1);
  if (clock != clock) return REJECT;
  double time = days_from_civil(year, month, day) * DAY_MS + clock;
  if (now > 0 && time > now + 31 * DAY_MS) time = days_from_civil(year - 1, month, day) * DAY_MS + clock;
  int rest = skip_spaces(s, n, time_end);
  int msg = syslog_tag_end(s, n, rest);
  if (msg < 0) {
    int sp = find(s, rest, n, ' ');
    msg = sp < n && sp > rest ? sp + 1 : rest;
  }
  int level = level_in_message(s + msg, n - msg);
  if (level == -2) return UNSURE;
  found_time = time;
  found_level = level;
  found_format = F_SYSLOG;
  return ACCEPT;
}

// ---------------------------------------------------------------- access logs (lite.ts: liteAccess)

static int lite_access(const u8 *s, int n) {
  int open = find_seq(s, 0, n, " [", 2);
  if (open < 0 || open > 300) return REJECT;
  int close = find_seq(s, open, n, "] \"", 3);
  if (close < 0) return REJECT;
  int s1 = find(s, 0, n, ' ');
  int s2 = s1 + 1 <= n ? find(s, s1 + 1, n, ' ') : n;
  if (s2 >= n || s2 >= open || find(s, s2 + 1, n, ' ') != open) return REJECT;
  double time = parse_clf_at(s, n, open + 2);
  if (time != time) return REJECT;
  int i = -1;
  int quote = find(s, close + 3 < n ? close + 3 : n, n, '"');
  if (quote >= n) quote = -1;
  // lastIndexOf('\\', quote) <= close: no backslash between the two (quote and close are not backslashes).
  int escaped = quote >= 0 && find(s, close + 1, quote, '\\') < quote;
  if (!escaped) i = quote < 0 ? -1 : quote + 1;
  else {
    for (int j = close + 3; j < n; j++) {
      int c = s[j];
      if (c == 92) j++;
      else if (c == 34) {
        i = j + 1;
        break;
      }
    }
  }
  if (i < 0 || AT(i) != 32) return REJECT;
  if (!isdig(AT(i + 1)) || !isdig(AT(i + 2)) || !isdig(AT(i + 3)) || AT(i + 4) != 32) return REJECT;
  int code = AT(i + 1);
  found_time = time;
  found_level = code == 53 ? ERROR : code == 52 ? WARN : INFO;
  found_format = F_ACCESS;
  return ACCEPT;
}

// ---------------------------------------------------------------- the scanner's state and its line steps

static int mode, last_indented, last_kind;
static double last_dated, year_setting, now_setting;
static int guess_year;
static double year_day = NAN_, year_of_day_cache;

static double yearless_year(void) {
  if (!guess_year || last_dated != last_dated) return year_setting;
  double day = __builtin_floor(last_dated / DAY_MS);
  if (day != year_day) {
    year_day = day;
    year_of_day_cache = year_of_day(__builtin_floor((last_dated + 31 * DAY_MS) / DAY_MS));
  }
  return year_of_day_cache;
}
static double yearless_now(void) { return !guess_year || last_dated != last_dated ? now_setting : last_dated; }

/** `^(?:[a-z_$][\w$]*\.)+[A-Z][\w$]*(?:Exception|Error|Throwable|Fault)(?::\s|$)`, by hand: each part is forced (see the note in scan.test.ts). */
static int java_exception(const u8 *s, int n) {
  int i = 0, segments = 0;
  for (;;) {
    int c = AT(i);
    if (!((c >= 97 && c <= 122) || c == 95 || c == 36)) break;
    while (is_word(AT(i)) || AT(i) == 36) i++;
    if (AT(i) != 46) return 0;
    i++;
    segments++;
  }
  if (!segments) return 0;
  int a = i;
  if (!(AT(a) >= 65 && AT(a) <= 90)) return 0;
  int b = a + 1;
  while (is_word(AT(b)) || AT(b) == 36) b++;
  static const char *const SUFFIX[] = { "Exception", "Error", "Throwable", "Fault" };
  int ok = 0;
  for (int k = 0; k < 4 && !ok; k++) {
    int len = 0;
    while (SUFFIX[k][len]) len++;
    if (b - len >= a + 1 && equals(s, b - len, b, SUFFIX[k])) ok = 1;
  }
  if (!ok) return 0;
  return b == n || (AT(b) == 58 && is_space(AT(b + 1)));
}

/** EntryParser.continues: 1, 0, or UNSURE (the Python and Go trace modes, left to the TypeScript). */
static int continues(const u8 *s, int n) {
  if (n == 0) return mode != MODE_NONE;
  int c = s[0];
  if (c == 32 || c == 9) {
    last_indented = 1;
    return 1;
  }
  last_indented = 0;
  if (c == 67 && starts(s, n, 0, "Caused by: ")) return 1;
  if (c == 46 && starts(s, n, 0, "... ")) {
    int j = 4;
    while (isdig(AT(j))) j++;
    if (j > 4 && AT(j) == 32 && (starts(s, n, j + 1, "more") || starts(s, n, j + 1, "common frames omitted"))) return 1;
  }
  if (c == 84 && starts(s, n, 0, "Traceback (most recent call last):")) {
    mode = MODE_TRACEBACK;
    return 1;
  }
  if (c == 103 && starts(s, n, 0, "goroutine ")) return UNSURE;
  if (mode != MODE_NONE) return UNSURE;
  if (c >= 97 && c <= 122 && java_exception(s, n)) return 1;
  return 0;
}

static void begin(const u8 *s, int n) {
  last_indented = 0;
  mode = starts(s, n, 0, "Traceback (most recent call last):") ? MODE_TRACEBACK
    : starts(s, n, 0, "panic: ") || starts(s, n, 0, "fatal error: ") || starts(s, n, 0, "goroutine ") ? MODE_GO
    : MODE_NONE;
}

static int fast(int kind, const u8 *s, int n) {
  switch (kind) {
    case K_JSON: return lite_json(s, n);
    case K_LOGFMT: return lite_logfmt(s, n);
    case K_TIMESTAMPED: return lite_timestamped(s, n);
    case K_ACCESS: return lite_access(s, n);
    case K_SYSLOG: return lite_syslog(s, n, yearless_year(), yearless_now());
    case K_KLOG: return n >= 6 && (s[0] == 'I' || s[0] == 'W' || s[0] == 'E' || s[0] == 'F') && isdig(s[1]) && isdig(s[2]) && isdig(s[3]) && isdig(s[4]) && s[5] == 32 ? UNSURE : REJECT;
    case K_PRI: return AT(0) == 60 ? UNSURE : REJECT;
    case K_PYTHON: {
      static const char *const PY[] = { "CRITICAL:", "FATAL:", "ERROR:", "WARNING:", "WARN:", "INFO:", "DEBUG:", "NOTSET:" };
      for (int k = 0; k < 8; k++)
        if (starts(s, n, 0, PY[k])) return UNSURE;
      return REJECT;
    }
  }
  return UNSURE;
}

/** LineScanner.detect: the kind, or 0 when the TypeScript must decide. */
static int detect(const u8 *s, int n) {
  int c = AT(0);
  int v;
  if (c == 123) {
    v = fast(K_JSON, s, n);
    if (v != REJECT) return v == ACCEPT ? K_JSON : 0;
  } else if (isdig(c) || c == 91) {
    v = fast(K_TIMESTAMPED, s, n);
    if (v != REJECT) return v == ACCEPT ? K_TIMESTAMPED : 0;
    v = fast(K_ACCESS, s, n);
    if (v != REJECT) return v == ACCEPT ? K_ACCESS : 0;
  } else if (c >= 65 && c <= 90) {
    if (n > 20 && isdig(AT(1))) return 0;
    return fast(K_SYSLOG, s, n) == ACCEPT ? K_SYSLOG : 0;
  } else return is_key_start(c) && c >= 97 && fast(K_LOGFMT, s, n) == ACCEPT ? K_LOGFMT : 0;
  return 0;
}

/** LineScanner.classify for lines a fast path is sure of: the kind, or 0. */
static int classify(const u8 *s, int n) {
  int kind = 0;
  int verdict = UNSURE;
  if (last_kind != K_NONE) {
    verdict = fast(last_kind, s, n);
    if (verdict == ACCEPT) kind = last_kind;
  }
  if (verdict == REJECT || last_kind == K_NONE) kind = detect(s, n);
  else if (verdict == UNSURE) return 0;
  return kind;
}

/**
 * LineScanner.push over text[from, len) of the chunk in memory: entries
 * completed go to the out columns. Returns where it stopped: len when done
 * (S_STATUS DONE), or the start of a line the TypeScript must take (BAIL),
 * or of one that would complete an entry with the columns full (FULL).
 */
EXPORT int scan(int from, int len) {
  const u8 *text = &__heap_base;
  int open = (int)state[S_OPEN], open_start = (int)state[S_OPEN_START], open_end = (int)state[S_OPEN_END];
  int pre_from = (int)state[S_PRE_FROM], pre_end = (int)state[S_PRE_END];
  double open_time = state[S_OPEN_TIME];
  int open_level = (int)state[S_OPEN_LEVEL], open_kind = (int)state[S_OPEN_KIND], open_format = (int)state[S_OPEN_FORMAT];
  int extra = (int)state[S_EXTRA];
  last_kind = (int)state[S_LAST_KIND];
  last_dated = state[S_LAST_DATED];
  mode = (int)state[S_MODE];
  last_indented = (int)state[S_LAST_INDENTED];
  if (guess_year != (int)state[S_GUESS_YEAR] || year_setting != state[S_YEAR] || now_setting != state[S_NOW]) year_day = NAN_;
  guess_year = (int)state[S_GUESS_YEAR];
  year_setting = state[S_YEAR];
  now_setting = state[S_NOW];
  int count = 0, status = DONE, pos = from;
  while (pos < len) {
    int nl = find(text, pos, len, '\n');
    const u8 *s = text + pos;
    int n = nl - pos;
    int saved_mode = mode, saved_indented = last_indented;
    if (open) {
      int more = continues(s, n);
      if (more == UNSURE) {
        mode = saved_mode;
        last_indented = saved_indented;
        status = BAIL;
        break;
      }
      if (more && extra < MAX_EXTRA) {
        extra++;
        if (open_start < 0) {
          if (pre_end < 0) pre_from = pos;
          pre_end = nl;
        } else open_end = nl;
        pos = nl + 1;
        continue;
      }
    }
    int kind = classify(s, n);
    if (!kind || (open && count == CAP)) {
      mode = saved_mode;
      last_indented = saved_indented;
      status = kind ? FULL : BAIL;
      break;
    }
    if (open) {
      out_start[count] = open_start;
      out_end[count] = open_start < 0 ? -1 : open_end;
      out_time[count] = open_time;
      out_level[count] = (u8)open_level;
      out_kind[count] = (u8)open_kind;
      out_format[count] = (u8)open_format;
      count++;
    }
    last_kind = kind;
    if (found_time == found_time && found_format != F_SYSLOG) last_dated = found_time; // noteDated
    open_time = found_time;
    open_level = found_level;
    open_format = found_format;
    open_kind = kind;
    begin(s, n);
    open = 1;
    open_start = pos;
    open_end = nl;
    extra = 0;
    pos = nl + 1;
  }
  state[S_OPEN] = open;
  state[S_OPEN_START] = open_start;
  state[S_OPEN_END] = open_end;
  state[S_PRE_FROM] = pre_from;
  state[S_PRE_END] = pre_end;
  state[S_OPEN_TIME] = open_time;
  state[S_OPEN_LEVEL] = open_level;
  state[S_OPEN_KIND] = open_kind;
  state[S_OPEN_FORMAT] = open_format;
  state[S_EXTRA] = extra;
  state[S_LAST_KIND] = last_kind;
  state[S_LAST_DATED] = last_dated;
  state[S_MODE] = mode;
  state[S_LAST_INDENTED] = last_indented;
  state[S_STATUS] = status;
  state[S_COUNT] = count;
  return status == DONE ? len : pos;
}
