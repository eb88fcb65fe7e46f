/* maps: this process's own address space as the kernel reports it
 * (/proc/self/maps, proc(5)) and the auxiliary vector the kernel put on the
 * initial stack (/proc/self/auxv, getauxval(3)). The raw maps text goes out
 * unparsed; the TypeScript side parses it (one parser for native, fallback
 * and the aslr probe). AT_SYSINFO_EHDR is the vDSO's ELF header. */
#include "probe.h"

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>

static const char *auxv_name(unsigned long type) {
  switch (type) {
    case AT_PHDR: return "AT_PHDR";
    case AT_PHENT: return "AT_PHENT";
    case AT_PHNUM: return "AT_PHNUM";
    case AT_PAGESZ: return "AT_PAGESZ";
    case AT_BASE: return "AT_BASE";
    case AT_FLAGS: return "AT_FLAGS";
    case AT_ENTRY: return "AT_ENTRY";
    case AT_UID: return "AT_UID";
    case AT_EUID: return "AT_EUID";
    case AT_GID: return "AT_GID";
    case AT_EGID: return "AT_EGID";
    case AT_PLATFORM: return "AT_PLATFORM";
    case AT_HWCAP: return "AT_HWCAP";
    case AT_CLKTCK: return "AT_CLKTCK";
    case AT_SECURE: return "AT_SECURE";
    case AT_BASE_PLATFORM: return "AT_BASE_PLATFORM";
    case AT_RANDOM: return "AT_RANDOM";
    case AT_HWCAP2: return "AT_HWCAP2";
    case AT_EXECFN: return "AT_EXECFN";
    case AT_SYSINFO_EHDR: return "AT_SYSINFO_EHDR";
#ifdef AT_MINSIGSTKSZ
    case AT_MINSIGSTKSZ: return "AT_MINSIGSTKSZ";
#endif
    default: return NULL;
  }
}

static int emit_maps_text(void) {
  FILE *f = fopen("/proc/self/maps", "r");
  if (!f) return -1;
  size_t cap = 1 << 16, len = 0;
  char *text = malloc(cap);
  size_t got;
  while (text && (got = fread(text + len, 1, cap - len - 1, f)) > 0) {
    len += got;
    if (cap - len < 4096) text = realloc(text, cap *= 2);
  }
  fclose(f);
  if (!text) return -1;
  text[len] = 0;
  json_entry_begin("maps-raw");
  json_field_str("text", text);
  json_entry_end();
  free(text);
  return 0;
}

static void emit_auxv(void) {
  FILE *f = fopen("/proc/self/auxv", "rb");
  unsigned long pair[2];
  char hex[32];
  while (f && fread(pair, sizeof(pair), 1, f) == 1 && pair[0] != AT_NULL) {
    const char *name = auxv_name(pair[0]);
    json_entry_begin("auxv");
    json_field_int("type", (long long)pair[0]);
    json_field_str("name", name ? name : "unknown");
    snprintf(hex, sizeof(hex), "0x%lx", pair[1]);
    json_field_str("value", hex);
    /* These three point at NUL-terminated strings on our own stack. */
    if (pair[0] == AT_PLATFORM || pair[0] == AT_EXECFN || pair[0] == AT_BASE_PLATFORM)
      json_field_str("string", (const char *)pair[1]);
    json_entry_end();
  }
  if (f) fclose(f);
}

int probe_maps(void) {
  char hex[32];
  json_begin("maps");
  progress(0, 1);
  if (emit_maps_text() != 0) json_unavailable("maps-raw", "cannot read /proc/self/maps");
  emit_auxv();
  json_entry_begin("vdso");
  snprintf(hex, sizeof(hex), "0x%lx", getauxval(AT_SYSINFO_EHDR));
  json_field_str("address", hex);
  json_field_str("source", "getauxval(AT_SYSINFO_EHDR)");
  json_entry_end();
  progress(1, 1);
  json_end();
  return 0;
}
