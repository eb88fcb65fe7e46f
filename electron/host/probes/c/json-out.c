/* Minimal JSON writer for the probe's single result object on stdout. */
#include "probe.h"

#include <math.h>
#include <stdio.h>

static int g_entries;
static int g_fields;

void json_string(const char *s) {
  putchar('"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') printf("\\%c", *p);
    else if (*p == '\n') fputs("\\n", stdout);
    else if (*p == '\t') fputs("\\t", stdout);
    else if (*p < 0x20) printf("\\u%04x", *p);
    else putchar(*p);
  }
  putchar('"');
}

void json_begin(const char *probe) {
  fputs("{\"probe\":", stdout);
  json_string(probe);
  fputs(",\"results\":[\n", stdout);
  g_entries = 0;
}

void json_end(void) {
  fputs("]}\n", stdout);
  fflush(stdout);
}

static void key(const char *k) {
  if (g_fields++) putchar(',');
  json_string(k);
  putchar(':');
}

void json_entry_begin(const char *op) {
  if (g_entries++) fputs(",\n", stdout);
  putchar('{');
  g_fields = 0;
  key("op");
  json_string(op);
}

void json_field_str(const char *k, const char *v) { key(k); json_string(v); }
void json_field_int(const char *k, long long v) { key(k); printf("%lld", v); }
void json_field_bool(const char *k, int v) { key(k); fputs(v ? "true" : "false", stdout); }
void json_field_raw(const char *k, const char *raw) { key(k); fputs(raw, stdout); }

void json_field_num(const char *k, double v) {
  key(k);
  if (isfinite(v)) printf("%.3f", v);
  else fputs("null", stdout);
}

void json_entry_end(void) {
  putchar('}');
  fflush(stdout);
}

void json_timing_fields(const struct timing *t) {
  json_field_num("median_ns", t->median_ns);
  json_field_num("p10_ns", t->p10_ns);
  json_field_num("p90_ns", t->p90_ns);
  json_field_int("iterations", (long long)t->iterations);
  json_field_int("repeats", t->repeats);
  json_field_num("overhead_ns", t->overhead_ns);
  if (t->cpu_median_ns > 0) json_field_num("cpu_median_ns", t->cpu_median_ns);
}

void json_timing(const char *op, const struct timing *t) {
  json_entry_begin(op);
  json_timing_fields(t);
  json_entry_end();
}

void json_unavailable(const char *op, const char *why) {
  json_entry_begin(op);
  json_field_str("unavailable", why);
  json_entry_end();
}
