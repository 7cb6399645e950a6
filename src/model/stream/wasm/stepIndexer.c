// StepIndexer (stepIndexer.ts) in C for WebAssembly with SIMD: the same scan,
// the same records, the same hash (byteHash.ts), so the two are
// interchangeable; the TypeScript one is the reference and the fallback, and
// test/stream/wasmIndexer.test.ts checks that both give identical records.
// Built by scripts/build-wasm.sh into stepIndexerWasm.ts (clang, lld).
//
// Memory: a bump allocator over the module's memory; arrays that grow are
// copied to a block twice as large (the old block is not reused: growth
// doubles, so the waste stays below the final sizes). The window holds the
// bytes from the first one still needed (an unfinished object, or the outer
// scan's position); the caller writes each new slice at ix_reserve()'s
// pointer, then calls ix_scan().
#include <stdint.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

typedef struct {
  int32_t len, h1, h2, nl, last_nl;
} Copy;

enum { QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d,
       OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d, COMMA = 0x2c, LF = 0x0a, STEP_DEPTH = 3 };
enum { REC = 9 };

extern unsigned char __heap_base;
static uintptr_t heap_top = 0;

static void *alloc(uint32_t bytes) {
  if (heap_top == 0) heap_top = (uintptr_t)&__heap_base;
  heap_top = (heap_top + 15) & ~(uintptr_t)15;
  uintptr_t p = heap_top;
  uintptr_t end = p + bytes;
  uintptr_t have = __builtin_wasm_memory_size(0) * 65536u;
  if (end > have) {
    uintptr_t pages = (end - have + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, pages) == (uintptr_t)-1) return 0;
  }
  heap_top = end;
  return (void *)p;
}

static void copy_bytes(void *to, const void *from, uint32_t n) {
  __builtin_memmove(to, from, n);
}

// Grows an array of `size`-byte elements to hold `need`; returns 0 when memory ran out.
static int grow(void **arr, uint32_t *cap, uint32_t need, uint32_t size) {
  if (need <= *cap) return 1;
  uint32_t n = *cap < 64 ? 64 : *cap * 2;
  while (n < need) n *= 2;
  void *p = alloc(n * size);
  if (p == 0) return 0;
  if (*cap > 0) copy_bytes(p, *arr, *cap * size);
  *arr = p;
  *cap = n;
  return 1;
}

// --- state (the fields of StepIndexer) ---
static uint8_t *win = 0;
static uint32_t win_cap = 0;
static uint32_t win_len = 0;
static int64_t base = 0;
static uint32_t pos = 0;
static int32_t depth = 0;
static int array_at_step_depth = 0;
static int in_string = 0;
static int in_object = 0;
static uint32_t object_start = 0;
// ObjectExtent
static uint32_t x_pos = 0;
static int32_t x_depth = 0;
static int x_in_string = 0;
static int32_t x_newlines = 0;
static int32_t x_last_nl = -1;
// records
static double *out = 0;
static uint32_t out_cap = 0;
static uint32_t out_count = 0;
static Copy *cur = 0, *prev = 0, *first_met = 0;
static uint32_t cur_cap = 0, prev_cap = 0, first_met_cap = 0;
static uint32_t cur_count = 0, prev_count = 0, first_met_count = 0;
static uint32_t stored_next = 0;
// first_met by h1: open addressing, key h1, value index + 1 (0: empty)
static int32_t *fm_keys = 0;
static uint32_t *fm_vals = 0;
static uint32_t fm_cap = 0;
static uint32_t fm_used = 0;
static int failed = 0;

static uint32_t h1_out, h2_out;

static inline uint32_t rd32(const uint8_t *p) {
  uint32_t v;
  __builtin_memcpy(&v, p, 4);
  return v;
}

static void hash_range(const uint8_t *b, uint32_t start, uint32_t end) {
  const uint32_t len = end - start;
  v128_t acc = wasm_i32x4_make((int32_t)(0x811c9dc5u ^ len), (int32_t)0x27d4eb2fu, (int32_t)0x9e3779b9u,
                               (int32_t)0x85ebca6bu);
  const v128_t k = wasm_i32x4_make(0x01000193, 0x5bd1e995, 0x01000193, 0x5bd1e995);
  uint32_t i = start;
  // JS: for (; i < end - 15; i += 16), with end - 15 possibly below start.
  while ((int64_t)i < (int64_t)end - 15) {
    acc = wasm_i32x4_mul(wasm_v128_xor(acc, wasm_v128_load(b + i)), k);
    i += 16;
  }
  uint32_t a = (uint32_t)wasm_i32x4_extract_lane(acc, 0);
  uint32_t bb = (uint32_t)wasm_i32x4_extract_lane(acc, 1);
  uint32_t c = (uint32_t)wasm_i32x4_extract_lane(acc, 2);
  uint32_t d = (uint32_t)wasm_i32x4_extract_lane(acc, 3);
  for (; i < end; i++) {
    a = (a ^ b[i]) * 0x01000193u;
    bb = (bb ^ (a >> 13)) * 0xc2b2ae35u;
  }
  h1_out = ((a ^ (c >> 15)) * 0x85ebca6bu) ^ bb;
  h2_out = ((d ^ (bb >> 13)) * 0xc2b2ae35u) ^ (c * 0x27d4eb2fu) ^ a;
}

static void fm_put(int32_t key, uint32_t val);

static int fm_rehash(void) {
  uint32_t n = fm_cap < 1024 ? 1024 : fm_cap * 2;
  int32_t *keys = alloc(n * 4);
  uint32_t *vals = alloc(n * 4);
  if (keys == 0 || vals == 0) return 0;
  __builtin_memset(vals, 0, n * 4);
  int32_t *ok = fm_keys;
  uint32_t *ov = fm_vals;
  uint32_t oc = fm_cap;
  fm_keys = keys;
  fm_vals = vals;
  fm_cap = n;
  fm_used = 0;
  for (uint32_t j = 0; j < oc; j++)
    if (ov[j] != 0) fm_put(ok[j], ov[j]);
  return 1;
}

static inline uint32_t fm_slot(int32_t key) {
  return ((uint32_t)key * 0x9e3779b1u) & (fm_cap - 1);
}

static void fm_put(int32_t key, uint32_t val) {
  uint32_t s = fm_slot(key);
  while (fm_vals[s] != 0) s = (s + 1) & (fm_cap - 1);
  fm_keys[s] = key;
  fm_vals[s] = val;
  fm_used++;
}

// Index + 1 of the first object met with this first hash half, 0 when none.
static uint32_t fm_get(int32_t key) {
  if (fm_cap == 0) return 0;
  uint32_t s = fm_slot(key);
  while (fm_vals[s] != 0) {
    if (fm_keys[s] == key) return fm_vals[s];
    s = (s + 1) & (fm_cap - 1);
  }
  return 0;
}

static void push_copy(Copy **list, uint32_t *cap, uint32_t *count, uint32_t len, int32_t nl, int32_t last_nl) {
  if (!grow((void **)list, cap, *count + 1, sizeof(Copy))) {
    failed = 1;
    return;
  }
  Copy *c = &(*list)[*count];
  c->len = (int32_t)len;
  c->h1 = (int32_t)h1_out;
  c->h2 = (int32_t)h2_out;
  c->nl = nl;
  c->last_nl = last_nl;
  (*count)++;
}

// When the bytes after the object just recorded (ending at `stop`) are `ws , ws {`, notes that '{'.
static void note_next(uint32_t stop) {
  uint32_t i = stop;
  int comma = 0;
  int32_t newlines = 0;
  int64_t last_nl = -1;
  for (; i < win_len; i++) {
    uint8_t c = win[i];
    if (c == LF) {
      newlines++;
      last_nl = i;
    } else if (c == COMMA && !comma) {
      comma = 1;
    } else if (c != 0x20 && c != 0x09 && c != 0x0d) {
      break;
    }
  }
  if (i >= win_len || !comma || win[i] != OPEN_BRACE) return;
  double *r = &out[(out_count - 1) * REC];
  r[6] = (double)(base + i);
  r[7] = newlines;
  r[8] = last_nl >= 0 ? (double)(base + last_nl) : -1;
}

static void emit(uint32_t start, uint32_t stop, int32_t nl, int32_t last_nl) {
  if (!grow((void **)&out, &out_cap, (out_count + 1) * REC, sizeof(double))) {
    failed = 1;
    return;
  }
  double *r = &out[out_count * REC];
  r[0] = (double)(base + start);
  r[1] = (double)(base + stop);
  r[2] = (int32_t)h1_out;
  r[3] = (int32_t)h2_out;
  r[4] = nl;
  r[5] = last_nl;
  r[6] = -1;
  r[7] = 0;
  r[8] = -1;
  out_count++;
  push_copy(&cur, &cur_cap, &cur_count, stop - start, nl, last_nl);
  note_next(stop);
}

static int same_as(const Copy *c, uint32_t start, uint32_t end) {
  uint32_t stop = start + (uint32_t)c->len;
  if (stop > end || win[stop - 1] != CLOSE_BRACE) return 0;
  hash_range(win, start, stop);
  if ((int32_t)h1_out != c->h1 || (int32_t)h2_out != c->h2) return 0;
  emit(start, stop, c->nl, c->last_nl);
  pos = stop;
  return 1;
}

static void note_met(uint32_t len, int32_t nl, int32_t last_nl) {
  uint32_t known = fm_get((int32_t)h1_out);
  if (known != 0) {
    stored_next = known;  // (index + 1) = the one after it
    return;
  }
  if ((fm_used + 1) * 2 > fm_cap && !fm_rehash()) {
    failed = 1;
    return;
  }
  fm_put((int32_t)h1_out, first_met_count + 1);
  push_copy(&first_met, &first_met_cap, &first_met_count, len, nl, last_nl);
  stored_next = first_met_count;
}

// Inside a string: the first quote or backslash at or after `i` (16 bytes at a time), or
// the last 15 bytes' start, which the caller then looks at one by one.
static inline uint32_t to_quote_or_backslash(uint32_t i, uint32_t end) {
  const v128_t vq = wasm_i8x16_splat(QUOTE);
  const v128_t vb = wasm_i8x16_splat(BACKSLASH);
  while (i + 16 <= end) {
    v128_t v = wasm_v128_load(win + i);
    uint32_t m = wasm_i8x16_bitmask(wasm_v128_or(wasm_i8x16_eq(v, vq), wasm_i8x16_eq(v, vb)));
    if (m != 0) return i + __builtin_ctz(m);
    i += 16;
  }
  return i;
}

// ObjectExtent.run: true when the object closed (x_pos just past its '}').
static int extent_run(uint32_t end) {
  uint32_t i = x_pos;
  int32_t d = x_depth;
  int32_t nl = x_newlines;
  int32_t last = x_last_nl;
  int s = x_in_string;
  int closed = 0;
  while (i < end) {
    if (s) {
      i = to_quote_or_backslash(i, end);
      for (;;) {
        if (i >= end) goto done;
        uint8_t c = win[i];
        if (c == QUOTE) {
          i++;
          s = 0;
          break;
        }
        if (c == BACKSLASH) {
          if (i + 1 >= end) goto done;  // resume at the backslash
          i += 2;
          continue;
        }
        i++;
      }
      continue;
    }
    uint8_t c = win[i++];
    if (c == QUOTE)
      s = 1;
    else if (c == OPEN_BRACE)
      d++;
    else if (c == CLOSE_BRACE) {
      if (--d == 0) {
        closed = 1;
        break;
      }
    } else if (c == LF) {
      nl++;
      last = (int32_t)(i - 1);
    }
  }
done:
  x_pos = i;
  x_depth = d;
  x_newlines = nl;
  x_last_nl = last;
  x_in_string = s;
  return closed;
}

static int finish_object(uint32_t end) {
  if (!extent_run(end)) return 0;
  uint32_t start = object_start;
  uint32_t stop = x_pos;
  hash_range(win, start, stop);
  int32_t last_nl = x_last_nl >= 0 ? x_last_nl - (int32_t)start : -1;
  emit(start, stop, x_newlines, last_nl);
  note_met(stop - start, x_newlines, last_nl);
  in_object = 0;
  pos = stop;
  return 1;
}

static void scan(void) {
  const uint32_t end = win_len;
  if (in_object && !finish_object(end)) return;
  uint32_t i = pos;
  int32_t dep = depth;
  int s = in_string;
  while (i < end) {
    if (s) {
      i = to_quote_or_backslash(i, end);
      if (i >= end) break;
      uint8_t c = win[i];
      if (c == QUOTE)
        s = 0;
      else if (c == BACKSLASH) {
        if (i + 1 >= end) break;  // resume at the backslash
        i++;
      }
      i++;
      continue;
    }
    uint8_t c = win[i];
    if (c == QUOTE)
      s = 1;
    else if (c == OPEN_BRACE) {
      if (dep == STEP_DEPTH && array_at_step_depth) {
        if ((cur_count < prev_count && same_as(&prev[cur_count], i, end)) ||
            (stored_next < first_met_count && same_as(&first_met[stored_next], i, end) && (stored_next++, 1))) {
          i = pos;
          continue;
        }
        in_object = 1;
        object_start = i;
        x_pos = i;
        x_depth = 0;
        x_in_string = 0;
        x_newlines = 0;
        x_last_nl = -1;
        pos = i;
        depth = dep;
        in_string = 0;
        if (!finish_object(end)) return;
        i = pos;
        continue;
      }
      dep++;
    } else if (c == OPEN_BRACKET) {
      dep++;
      if (dep == STEP_DEPTH) {
        array_at_step_depth = 1;
        Copy *t = prev;
        uint32_t tc = prev_cap;
        prev = cur;
        prev_cap = cur_cap;
        prev_count = cur_count;
        cur = t;
        cur_cap = tc;
        cur_count = 0;
      }
    } else if (c == CLOSE_BRACE || c == CLOSE_BRACKET) {
      if (dep > 0) dep--;
    }
    if (c == OPEN_BRACE && dep == STEP_DEPTH) array_at_step_depth = 0;
    i++;
  }
  pos = i;
  depth = dep;
  in_string = s;
}

// Drops the bytes no longer needed and makes room for `n` more; returns where to write them (0: out of memory).
EXPORT(ix_reserve) uint8_t *ix_reserve(uint32_t n) {
  uint32_t drop = in_object ? object_start : pos;
  uint32_t keep = win_len - drop;
  if (keep + n > win_cap) {
    uint32_t cap = win_cap < (1u << 21) ? (1u << 21) : win_cap;
    while (cap < keep + n) cap *= 2;
    uint8_t *w = alloc(cap + 16);
    if (w == 0) return 0;
    if (keep > 0) copy_bytes(w, win + drop, keep);
    win = w;
    win_cap = cap;
  } else if (drop > 0 && keep > 0) {
    copy_bytes(win, win + drop, keep);
  }
  win_len = keep;
  base += drop;
  pos -= drop;
  object_start -= drop;
  if (in_object) {
    x_pos -= drop;
    if (x_last_nl >= 0) x_last_nl -= (int32_t)drop;
  }
  return win + keep;
}

// Scans the `n` bytes written at ix_reserve()'s pointer; returns the number of records kept (-1: out of memory).
EXPORT(ix_scan) int32_t ix_scan(uint32_t n) {
  win_len += n;
  scan();
  return failed ? -1 : (int32_t)out_count;
}

EXPORT(ix_records) double *ix_records(void) { return out; }

EXPORT(ix_clear_records) void ix_clear_records(void) { out_count = 0; }
