// The step scanner (stepScan.ts) in C for WebAssembly: reads the top level of
// step objects straight from their bytes, checking every byte as JSON.parse
// would, so the load worker makes its steps without JSON.parse building an
// object per step and per nested value. For each step it gives, per known
// field, the kind of the value and where it is; metrics, resource usage and
// stream progress are only checked, and their bytes go to the page as they
// are. It gives up on a step (ok = 0) wherever reading it the same way as
// JSON.parse would need more than this: a key written with escapes, a known
// key twice, NaN or Infinity (Python's dialect), a number that may not fit a
// double, nesting deeper than MAX_DEPTH, bytes that are not UTF-8, or
// anything that is not JSON. The caller then parses that step the usual way
// (as it does a step with other keys than the known ones, ok = 2).
// Built by scripts/build-wasm.sh into stepScanWasm.ts (clang, lld).
//
// Memory: the input, records, entries and compact blocks are grown (never
// shrunk) to the largest batch met; the kept JSON fields fill 4 MiB blocks
// one after the other and stay until the module goes.
#include <stdint.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

enum { QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b,
       CLOSE_BRACKET = 0x5d, COMMA = 0x2c, COLON = 0x3a, MINUS = 0x2d, PLUS = 0x2b, DOT = 0x2e };

// Field order: stepScan.ts STEP_KEYS.
enum { F_STEP_ID, F_STATE, F_NETWORK, F_TIMESTAMP, F_START, F_END, F_DURATION, F_DATA_MODE, F_STATUS,
       F_ARC, F_ERROR, F_METRICS, F_RESOURCES, F_STREAM, F_CHUNKS, F_RECORDS, FIELDS };
// Value kinds (0: the key is absent).
enum { ABSENT, K_STRING, K_ESCAPED, K_NUMBER, K_NULL, K_OBJECT, K_ARRAY, K_BOOL };
// Per step: ok, first resource entry, entry count, then kind, start, end per field.
enum { R_OK, R_ENTRY, R_ENTRIES, R_FIELDS, REC = R_FIELDS + 3 * FIELDS };
// Per resource usage entry: key start, key end, kind of its `duration`, its start, its end.
enum { E_KEY_START, E_KEY_END, E_DUR_KIND, E_DUR_START, E_DUR_END, ENTRY };
enum { MAX_DEPTH = 1000 };

extern unsigned char __heap_base;
static uintptr_t heap_top = 0;

static void *alloc(uint32_t bytes) {
  if (heap_top == 0) heap_top = (uintptr_t)&__heap_base;
  heap_top = (heap_top + 15) & ~(uintptr_t)15;
  uintptr_t p = heap_top;
  uintptr_t end = p + bytes;
  uintptr_t have = __builtin_wasm_memory_size(0) * 65536u;
  if (end > have) {
    // At least 16 MiB at a time: each growth gives JavaScript a new buffer (and its views).
    uintptr_t pages = (end - have + 65535u) / 65536u;
    if (pages < 256) pages = 256;
    if (__builtin_wasm_memory_grow(0, pages) == (uintptr_t)-1 &&
        __builtin_wasm_memory_grow(0, (end - have + 65535u) / 65536u) == (uintptr_t)-1)
      return 0;
  }
  heap_top = end;
  return (void *)p;
}

static uint8_t *in = 0;
static uint32_t in_cap = 0;
static int32_t *els = 0;
static uint32_t els_cap = 0;
static int32_t *out = 0;
static uint32_t out_cap = 0;
static int32_t *entries = 0;
static uint32_t entries_cap = 0;
static uint32_t entry_count = 0;
static int failed = 0;
static uint8_t stack[MAX_DEPTH];

static const char *const KEYS[FIELDS] = {
    "step_id", "state_name", "network_name", "timestamp", "start_time", "end_time",
    "duration", "data_mode", "status", "arc_taken", "error", "metrics",
    "resource_usage", "stream_progress", "chunks_processed", "records_processed"};

static inline int is_ws(uint8_t c) { return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09; }
static inline int is_digit(uint8_t c) { return c >= 0x30 && c <= 0x39; }
static inline int is_hex(uint8_t c) {
  return is_digit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

static inline uint32_t skip_ws(const uint8_t *b, uint32_t p, uint32_t end) {
  while (p < end && is_ws(b[p])) p++;
  return p;
}

// Set by scan_string: the string had a backslash.
static int string_escaped = 0;

// True when [p, end) is well-formed UTF-8 (what a fatal TextDecoder accepts: no overlong
// forms, no surrogates, nothing above U+10FFFF).
static int utf8_valid(const uint8_t *b, uint32_t p, uint32_t end) {
  while (p < end) {
    uint8_t c = b[p];
    if (c < 0x80) {
      p++;
      continue;
    }
    uint32_t n;
    uint8_t lo = 0x80, hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c == 0xe0) lo = 0xa0;
      if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c == 0xf0) lo = 0x90;
      if (c == 0xf4) hi = 0x8f;
    } else {
      return 0;
    }
    if (p + n >= end) return 0;
    if (b[p + 1] < lo || b[p + 1] > hi) return 0;
    for (uint32_t k = 2; k <= n; k++)
      if (b[p + k] < 0x80 || b[p + k] > 0xbf) return 0;
    p += n + 1;
  }
  return 1;
}

// The closing quote of the string whose text starts at p, or -1 when it is not valid JSON (or
// not UTF-8: the kept bytes go to the page as they are, so they are checked here).
static int64_t scan_string(const uint8_t *b, uint32_t p, uint32_t end) {
  const v128_t vq = wasm_i8x16_splat(QUOTE);
  const v128_t vb = wasm_i8x16_splat(BACKSLASH);
  const v128_t vc = wasm_i8x16_splat(0x20);
  const uint32_t start = p;
  // Bytes looked at (and maybe a few after the string): any at 0x80 or above sends the
  // string through utf8_valid.
  v128_t seen = wasm_i8x16_splat(0);
  uint8_t seen_one = 0;
  int escaped = 0;
  for (;;) {
    // 16 bytes at a time up to a quote, a backslash or a control character.
    while (p + 16 <= end) {
      v128_t v = wasm_v128_load(b + p);
      seen = wasm_v128_or(seen, v);
      v128_t hit = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, vq), wasm_i8x16_eq(v, vb)), wasm_u8x16_lt(v, vc));
      uint32_t m = wasm_i8x16_bitmask(hit);
      if (m != 0) {
        p += __builtin_ctz(m);
        break;
      }
      p += 16;
    }
    if (p >= end) return -1;
    uint8_t c = b[p];
    seen_one |= c;
    if (c == QUOTE) {
      if ((wasm_i8x16_bitmask(seen) != 0 || seen_one >= 0x80) && !utf8_valid(b, start, p)) return -1;
      string_escaped = escaped;
      return p;
    }
    if (c < 0x20) return -1;
    if (c == BACKSLASH) {
      escaped = 1;
      if (p + 1 >= end) return -1;
      uint8_t e = b[p + 1];
      if (e == 0x75) {
        if (p + 5 >= end) return -1;
        if (!is_hex(b[p + 2]) || !is_hex(b[p + 3]) || !is_hex(b[p + 4]) || !is_hex(b[p + 5])) return -1;
        p += 6;
        continue;
      }
      if (e != QUOTE && e != BACKSLASH && e != 0x2f && e != 0x62 && e != 0x66 && e != 0x6e && e != 0x72 &&
          e != 0x74)
        return -1;
      p += 2;
      continue;
    }
    p++;
  }
}

// End of the JSON number at p, or -1 when it is not one or may be too large for a double
// (its decimal exponent 308 or more: such numbers are left to JSON.parse).
static int64_t scan_number(const uint8_t *b, uint32_t p, uint32_t end) {
  if (p < end && b[p] == MINUS) p++;
  if (p >= end) return -1;
  // Decimal exponent of the first significant digit, before the written exponent.
  int64_t lead = 0;
  int seen = 0;
  if (b[p] == 0x30) {
    p++;
  } else if (b[p] > 0x30 && b[p] <= 0x39) {
    seen = 1;
    while (p < end && is_digit(b[p])) {
      lead++;
      p++;
    }
    lead--;
  } else {
    return -1;
  }
  if (p < end && b[p] == DOT) {
    p++;
    if (p >= end || !is_digit(b[p])) return -1;
    int64_t k = 0;
    while (p < end && is_digit(b[p])) {
      k++;
      if (!seen && b[p] != 0x30) {
        seen = 1;
        lead = -k;
      }
      p++;
    }
  }
  if (p < end && (b[p] == 0x65 || b[p] == 0x45)) {
    p++;
    int neg = 0;
    if (p < end && (b[p] == PLUS || b[p] == MINUS)) {
      neg = b[p] == MINUS;
      p++;
    }
    if (p >= end || !is_digit(b[p])) return -1;
    int64_t e = 0;
    while (p < end && is_digit(b[p])) {
      if (e < 100000) e = e * 10 + (b[p] - 0x30);
      p++;
    }
    lead += neg ? -e : e;
  }
  if (seen && lead >= 308) return -1;
  return p;
}

// Past `"key" ws : ws` at p (a key of an object being skipped), or -1.
static int64_t object_key(const uint8_t *b, uint32_t p, uint32_t end) {
  if (p >= end || b[p] != QUOTE) return -1;
  int64_t e = scan_string(b, p + 1, end);
  if (e < 0) return -1;
  uint32_t q = skip_ws(b, (uint32_t)e + 1, end);
  if (q >= end || b[q] != COLON) return -1;
  return q + 1;
}

static inline int literal(const uint8_t *b, uint32_t p, uint32_t end, const char *word, uint32_t n) {
  if (p + n > end) return 0;
  for (uint32_t k = 0; k < n; k++)
    if (b[p + k] != (uint8_t)word[k]) return 0;
  return 1;
}

// End of the JSON value at p (after any whitespace), checked as JSON.parse would, or -1.
static int64_t skip_value(const uint8_t *b, uint32_t p, uint32_t end) {
  int32_t depth = 0;
  for (;;) {
    p = skip_ws(b, p, end);
    if (p >= end) return -1;
    uint8_t c = b[p];
    if (c == QUOTE) {
      int64_t e = scan_string(b, p + 1, end);
      if (e < 0) return -1;
      p = (uint32_t)e + 1;
    } else if (c == MINUS || is_digit(c)) {
      int64_t e = scan_number(b, p, end);
      if (e < 0) return -1;
      p = (uint32_t)e;
    } else if (c == OPEN_BRACE || c == OPEN_BRACKET) {
      if (depth >= MAX_DEPTH) return -1;
      stack[depth++] = c;
      p = skip_ws(b, p + 1, end);
      uint8_t close = c == OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      if (p < end && b[p] == close) {
        depth--;
        p++;
      } else {
        if (c == OPEN_BRACE) {
          int64_t q = object_key(b, p, end);
          if (q < 0) return -1;
          p = (uint32_t)q;
        }
        continue;
      }
    } else if (c == 0x74) {
      if (!literal(b, p, end, "true", 4)) return -1;
      p += 4;
    } else if (c == 0x66) {
      if (!literal(b, p, end, "false", 5)) return -1;
      p += 5;
    } else if (c == 0x6e) {
      if (!literal(b, p, end, "null", 4)) return -1;
      p += 4;
    } else {
      return -1;
    }
    // After a value: close containers, or go on to the next element.
    for (;;) {
      if (depth == 0) return p;
      p = skip_ws(b, p, end);
      if (p >= end) return -1;
      uint8_t d = b[p];
      uint8_t open = stack[depth - 1];
      if (d == COMMA) {
        p = skip_ws(b, p + 1, end);
        if (open == OPEN_BRACE) {
          int64_t q = object_key(b, p, end);
          if (q < 0) return -1;
          p = (uint32_t)q;
        }
        break;
      }
      if (d != (open == OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) return -1;
      depth--;
      p++;
    }
  }
}

static int same_key(const uint8_t *b, uint32_t a, uint32_t e, const char *key) {
  uint32_t k = 0;
  for (; a + k < e; k++)
    if (key[k] == 0 || b[a + k] != (uint8_t)key[k]) return 0;
  return key[k] == 0;
}

// Which known field the key [a, e) is, or -1.
static int field_of(const uint8_t *b, uint32_t a, uint32_t e) {
  int f;
  switch (e - a) {
    case 5: f = F_ERROR; break;
    case 6: f = F_STATUS; break;
    case 7: f = b[a + 1] == 't' ? F_STEP_ID : F_METRICS; break;
    case 8: f = b[a + 1] == 'n' ? F_END : F_DURATION; break;
    case 9: f = b[a + 1] == 'i' ? F_TIMESTAMP : b[a + 1] == 'a' ? F_DATA_MODE : F_ARC; break;
    case 10: f = b[a + 3] == 't' ? F_STATE : F_START; break;
    case 12: f = F_NETWORK; break;
    case 14: f = F_RESOURCES; break;
    case 15: f = F_STREAM; break;
    case 16: f = F_CHUNKS; break;
    case 17: f = F_RECORDS; break;
    default: return -1;
  }
  return same_key(b, a, e, KEYS[f]) ? f : -1;
}

static int32_t *new_entry(void) {
  uint32_t need = (entry_count + 1) * ENTRY;
  if (need > entries_cap) {
    uint32_t cap = entries_cap < 4096 ? 4096 : entries_cap * 2;
    int32_t *p = alloc(cap * 4);
    if (p == 0) {
      failed = 1;
      return 0;
    }
    for (uint32_t k = 0; k < entry_count * ENTRY; k++) p[k] = entries[k];
    entries = p;
    entries_cap = cap;
  }
  int32_t *e = &entries[entry_count * ENTRY];
  entry_count++;
  return e;
}

// The resource usage object at p ('{'): each entry's type (key) and, when the entry is an object,
// its last `duration` if that is a number. -1 when the object is not one this takes.
static int64_t scan_resources(const uint8_t *b, uint32_t p, uint32_t end) {
  p = skip_ws(b, p + 1, end);
  if (p < end && b[p] == CLOSE_BRACE) return p + 1;
  for (;;) {
    if (p >= end || b[p] != QUOTE) return -1;
    int64_t ke = scan_string(b, p + 1, end);
    if (ke < 0 || string_escaped) return -1;
    int32_t *e = new_entry();
    if (e == 0) return -1;
    e[E_KEY_START] = (int32_t)(p + 1);
    e[E_KEY_END] = (int32_t)ke;
    e[E_DUR_KIND] = ABSENT;
    p = skip_ws(b, (uint32_t)ke + 1, end);
    if (p >= end || b[p] != COLON) return -1;
    p = skip_ws(b, p + 1, end);
    if (p < end && b[p] == OPEN_BRACE) {
      p = skip_ws(b, p + 1, end);
      if (p < end && b[p] == CLOSE_BRACE) {
        p++;
      } else {
        for (;;) {
          if (p >= end || b[p] != QUOTE) return -1;
          int64_t ie = scan_string(b, p + 1, end);
          if (ie < 0 || string_escaped) return -1;
          int is_duration = same_key(b, p + 1, (uint32_t)ie, "duration");
          p = skip_ws(b, (uint32_t)ie + 1, end);
          if (p >= end || b[p] != COLON) return -1;
          p = skip_ws(b, p + 1, end);
          int64_t ve = skip_value(b, p, end);
          if (ve < 0) return -1;
          if (is_duration) {
            int number = b[p] == MINUS || is_digit(b[p]);
            e[E_DUR_KIND] = number ? K_NUMBER : K_NULL;
            e[E_DUR_START] = (int32_t)p;
            e[E_DUR_END] = (int32_t)ve;
          }
          p = skip_ws(b, (uint32_t)ve, end);
          if (p >= end) return -1;
          if (b[p] == CLOSE_BRACE) {
            p++;
            break;
          }
          if (b[p] != COMMA) return -1;
          p = skip_ws(b, p + 1, end);
        }
      }
    } else {
      int64_t ve = skip_value(b, p, end);
      if (ve < 0) return -1;
      p = (uint32_t)ve;
    }
    p = skip_ws(b, p, end);
    if (p >= end) return -1;
    if (b[p] == CLOSE_BRACE) return p + 1;
    if (b[p] != COMMA) return -1;
    p = skip_ws(b, p + 1, end);
  }
}

// Reads the step object that is exactly [start, end); fills its record. 1 when it is one this
// takes, 2 when it takes it but it has keys besides the known ones, 0 when it does not take it.
static int scan_step(const uint8_t *b, uint32_t start, uint32_t end, int32_t *r) {
  for (int f = 0; f < FIELDS; f++) r[R_FIELDS + 3 * f] = ABSENT;
  r[R_ENTRY] = (int32_t)entry_count;
  r[R_ENTRIES] = 0;
  int unknown = 0;
  uint32_t p = skip_ws(b, start, end);
  if (p >= end || b[p] != OPEN_BRACE) return 0;
  p = skip_ws(b, p + 1, end);
  if (p < end && b[p] == CLOSE_BRACE) return 0;
  for (;;) {
    if (p >= end || b[p] != QUOTE) return 0;
    int64_t ke = scan_string(b, p + 1, end);
    if (ke < 0 || string_escaped) return 0;
    int f = field_of(b, p + 1, (uint32_t)ke);
    p = skip_ws(b, (uint32_t)ke + 1, end);
    if (p >= end || b[p] != COLON) return 0;
    p = skip_ws(b, p + 1, end);
    if (p >= end) return 0;
    uint8_t c = b[p];
    int64_t ve;
    if (f < 0) {
      unknown = 1;
      ve = skip_value(b, p, end);
      if (ve < 0) return 0;
      p = (uint32_t)ve;
    } else {
      int32_t *slot = &r[R_FIELDS + 3 * f];
      if (slot[0] != ABSENT) return 0;  // the same key twice
      if (c == QUOTE) {
        ve = scan_string(b, p + 1, end);
        if (ve < 0) return 0;
        slot[0] = string_escaped ? K_ESCAPED : K_STRING;
        slot[1] = (int32_t)(p + 1);
        slot[2] = (int32_t)ve;
        p = (uint32_t)ve + 1;
      } else {
        if (f == F_RESOURCES && c == OPEN_BRACE) {
          uint32_t first = entry_count;
          ve = scan_resources(b, p, end);
          r[R_ENTRIES] = (int32_t)(entry_count - first);
        } else {
          ve = skip_value(b, p, end);
        }
        if (ve < 0) return 0;
        slot[0] = c == OPEN_BRACE     ? K_OBJECT
                  : c == OPEN_BRACKET ? K_ARRAY
                  : c == 0x6e         ? K_NULL
                  : c == 0x74 || c == 0x66 ? K_BOOL
                                           : K_NUMBER;
        slot[1] = (int32_t)p;
        slot[2] = (int32_t)ve;
        p = (uint32_t)ve;
      }
    }
    p = skip_ws(b, p, end);
    if (p >= end) return 0;
    if (b[p] == CLOSE_BRACE) {
      p++;
      break;
    }
    if (b[p] != COMMA) return 0;
    p = skip_ws(b, p + 1, end);
  }
  if (skip_ws(b, p, end) != end) return 0;
  return unknown ? 2 : 1;
}

// The strings and numbers of the taken steps' known fields (and of their resource usage
// entries), copied one after the other: JavaScript decodes these few bytes rather than the
// whole batch. Their places in the records point here (strings still inside their quotes);
// the JSON fields' places stay in the input.
static uint8_t *compact = 0;
static uint32_t compact_cap = 0;
static uint32_t compact_len = 0;

// Copies input [a, e) to the compact bytes (16 bytes at a time, as append does); returns where.
static uint32_t to_compact(uint32_t a, uint32_t e) {
  uint8_t *to = compact + compact_len;
  for (uint32_t i = 0; i < e - a; i += 16) wasm_v128_store(to + i, wasm_v128_load(in + a + i));
  uint32_t at = compact_len;
  compact_len += e - a;
  return at;
}

static void compact_string(int32_t *start, int32_t *end) {
  uint32_t n = (uint32_t)(*end - *start);
  uint32_t at = to_compact((uint32_t)*start - 1, (uint32_t)*end + 1);
  *start = (int32_t)(at + 1);
  *end = (int32_t)(at + 1 + n);
}

static void compact_number(int32_t *start, int32_t *end) {
  uint32_t n = (uint32_t)(*end - *start);
  uint32_t at = to_compact((uint32_t)*start, (uint32_t)*end);
  *start = (int32_t)at;
  *end = (int32_t)(at + n);
}

// Moves a taken step's strings and numbers (and its resource entries') to the compact bytes.
static void compact_step(int32_t *r) {
  static const int strings[] = {F_STEP_ID, F_STATE, F_NETWORK, F_DATA_MODE, F_STATUS, F_ARC, F_ERROR};
  static const int numbers[] = {F_TIMESTAMP, F_START, F_END, F_DURATION, F_CHUNKS, F_RECORDS};
  for (uint32_t j = 0; j < sizeof strings / sizeof strings[0]; j++) {
    int32_t *f = &r[R_FIELDS + 3 * strings[j]];
    if (f[0] == K_STRING || f[0] == K_ESCAPED) compact_string(&f[1], &f[2]);
  }
  for (uint32_t j = 0; j < sizeof numbers / sizeof numbers[0]; j++) {
    int32_t *f = &r[R_FIELDS + 3 * numbers[j]];
    if (f[0] == K_NUMBER) compact_number(&f[1], &f[2]);
  }
  for (int32_t k = 0; k < r[R_ENTRIES]; k++) {
    int32_t *e = &entries[(r[R_ENTRY] + k) * ENTRY];
    compact_string(&e[E_KEY_START], &e[E_KEY_END]);
    if (e[E_DUR_KIND] == K_NUMBER) compact_number(&e[E_DUR_START], &e[E_DUR_END]);
  }
}

static int ensure(void **arr, uint32_t *cap, uint32_t need, uint32_t size) {
  if (need <= *cap) return 1;
  uint32_t n = *cap < 4096 ? 4096 : *cap;
  while (n < need) n *= 2;
  void *p = alloc(n * size + 16);
  if (p == 0) return 0;
  *arr = p;
  *cap = n;
  return 1;
}

// Room for n input bytes and `count` elements; returns where to write the bytes (0: out of memory).
EXPORT(sc_reserve) uint8_t *sc_reserve(uint32_t n, uint32_t count) {
  if (!ensure((void **)&in, &in_cap, n + 16, 1)) return 0;
  if (!ensure((void **)&els, &els_cap, count * 2, 4)) return 0;
  if (!ensure((void **)&out, &out_cap, count * REC, 4)) return 0;
  if (!ensure((void **)&compact, &compact_cap, n + 32, 1)) return 0;
  return in;
}

// Where to write each element's start and end (count pairs), after sc_reserve.
EXPORT(sc_elements) int32_t *sc_elements(void) { return els; }
EXPORT(sc_records) int32_t *sc_records(void) { return out; }
EXPORT(sc_entries) int32_t *sc_entries(void) { return entries; }
EXPORT(sc_entry_count) int32_t sc_entry_count(void) { return (int32_t)entry_count; }
EXPORT(sc_compact) uint8_t *sc_compact(void) { return compact; }
EXPORT(sc_compact_length) int32_t sc_compact_length(void) { return (int32_t)compact_len; }

// Scans the `count` elements of the input; returns how many it took (-1: out of memory).
EXPORT(sc_scan) int32_t sc_scan(uint32_t count) {
  entry_count = 0;
  compact_len = 0;
  failed = 0;
  int32_t took = 0;
  for (uint32_t k = 0; k < count; k++) {
    int32_t *r = &out[k * REC];
    uint32_t first = entry_count;
    int ok = scan_step(in, (uint32_t)els[2 * k], (uint32_t)els[2 * k + 1], r);
    if (failed) return -1;
    if (!ok) {
      entry_count = first;  // this step's entries are dropped
      r[R_ENTRIES] = 0;
    }
    if (ok) compact_step(r);
    r[R_OK] = ok;
    took += ok != 0;
  }
  return took;
}

// True when the compact bytes are all ASCII (then byte and UTF-16 offsets agree).
EXPORT(sc_ascii) int32_t sc_ascii(void) {
  v128_t acc = wasm_i8x16_splat(0);
  uint32_t p = 0;
  for (; p + 16 <= compact_len; p += 16) acc = wasm_v128_or(acc, wasm_v128_load(compact + p));
  uint8_t tail = 0;
  for (; p < compact_len; p++) tail |= compact[p];
  return wasm_i8x16_bitmask(acc) == 0 && tail < 0x80;
}

// The kept JSON fields: blocks filled one after the other (a full block is left as it is, so
// kept bytes never move).
enum { KEPT_BLOCK = 4u << 20 };
static uint8_t *kept = 0;
static uint32_t kept_cap = 0;
static uint32_t kept_len = 0;
// Where the last sc_keep put the step's fields (pointers into memory).
static int32_t keep_out[2];

// Appends n bytes to the current block (room checked by the caller). Field values are short,
// and memory.copy costs a call each time: they go 16 bytes at a time (reading and writing up
// to 15 bytes past the end, which the blocks leave room for).
static void append(const uint8_t *from, uint32_t n) {
  uint8_t *to = kept + kept_len;
  for (uint32_t i = 0; i < n; i += 16) wasm_v128_store(to + i, wasm_v128_load(from + i));
  kept_len += n;
}

// Keeps taken step k's JSON fields for later: appends `metrics,resource_usage,stream_progress,`
// (an absent or null metrics or resource usage as {}, an absent stream progress as null) to
// the kept fields, which go to the page. sc_keep_out() then says where they are. 0 when out of
// memory.
EXPORT(sc_keep) int32_t sc_keep(uint32_t k) {
  static const uint8_t EMPTY[16] = "{}";
  static const uint8_t NUL[16] = "null";
  static const uint8_t SEP[16] = ",";
  const int32_t *r = &out[k * REC];
  const int fields[3] = {F_METRICS, F_RESOURCES, F_STREAM};
  uint32_t need = 3 * 5 + 16;
  for (int j = 0; j < 3; j++) {
    const int32_t *f = &r[R_FIELDS + 3 * fields[j]];
    if (f[0] != ABSENT) need += (uint32_t)(f[2] - f[1]) + 2;
  }
  if (kept_len + need > kept_cap) {
    uint32_t cap = need > KEPT_BLOCK ? need : KEPT_BLOCK;
    kept = alloc(cap);
    if (kept == 0) return 0;
    kept_cap = cap;
    kept_len = 0;
  }
  keep_out[0] = (int32_t)(uintptr_t)(kept + kept_len);
  for (int j = 0; j < 3; j++) {
    const int32_t *f = &r[R_FIELDS + 3 * fields[j]];
    if (f[0] == ABSENT || (f[0] == K_NULL && fields[j] != F_STREAM)) {
      if (fields[j] == F_STREAM)
        append(NUL, 4);
      else
        append(EMPTY, 2);
    } else if (f[0] == K_STRING || f[0] == K_ESCAPED) {
      append(in + f[1] - 1, (uint32_t)(f[2] - f[1]) + 2);  // with its quotes
    } else {
      append(in + f[1], (uint32_t)(f[2] - f[1]));
    }
    append(SEP, 1);
  }
  keep_out[1] = (int32_t)(uintptr_t)(kept + kept_len);
  return 1;
}

// Start and end of the fields sc_keep kept.
EXPORT(sc_keep_out) int32_t *sc_keep_out(void) { return keep_out; }

static int32_t *units = 0;
static uint32_t units_cap = 0;

// For compact bytes that are not all ASCII: the UTF-16 code units (as JavaScript strings
// count) before each of them and at their end, so their offsets can be turned into string
// offsets; 0 when out of memory.
EXPORT(sc_units) int32_t *sc_units(void) {
  uint32_t n = compact_len;
  if (!ensure((void **)&units, &units_cap, n + 1, 4)) return 0;
  int32_t u = 0;
  for (uint32_t p = 0; p < n; p++) {
    units[p] = u;
    uint8_t c = compact[p];
    if ((c & 0xc0) != 0x80) u += c >= 0xf0 ? 2 : 1;
  }
  units[n] = u;
  return units;
}
