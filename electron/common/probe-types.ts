// Native probe reports: what the host measured about its own kernel.
// Plain types only (the renderer imports this file); produced by
// electron/host/probes/, printed by `syscall-lab probe run NAME --json`.

export type ProbeName =
  | 'null-syscall'
  | 'fast-calls'
  | 'vdso-clock'
  | 'read-sweep'
  | 'pipe-pingpong'
  | 'futex-pingpong'
  | 'int80'
  | 'page-fault'
  | 'maps'
  | 'aslr'
  | 'eintr-matrix';

/** 'native': the C probes built with the host compiler; 'fallback': Node-level stand-ins. */
export type ProbeKind = 'native' | 'fallback';

export interface ProbeInfo {
  name: ProbeName;
  summary: string;
  /** True when the probe reports timings ({op, median_ns, ...} entries). */
  timing: boolean;
  /** Runs in the Node fallback set (no C compiler) as well as natively. */
  fallback: boolean;
  /** Where it can run: 'linux' only; any 'posix' host (fallback set off Linux); 'any' host. */
  hosts: 'linux' | 'posix' | 'any';
}

export interface HostFacts {
  platform: string;
  arch: string;
  cpuModel: string;
  cores: number;
  /** uname -r / uname -v */
  kernelRelease: string;
  kernelVersion: string;
  /** /sys/devices/system/clocksource/clocksource0/current_clocksource, or null when unreadable. */
  clocksource: string | null;
  /** Each file of /sys/devices/system/cpu/vulnerabilities: name -> its one line. */
  mitigations: Record<string, string>;
  /** 1, 5 and 15 minute load averages when the facts were taken: a busy host inflates every figure. */
  loadAverage: number[];
  /** The compiler that built the native probes ("gcc (Debian 12.2.0-14) 12.2.0"), or null. */
  compiler: string | null;
}

/** One timed operation. Times are per operation, loop overhead already subtracted. */
export interface TimingResult {
  op: string;
  median_ns: number;
  p10_ns: number;
  p90_ns: number;
  /** Operations per repeat (calibrated so one repeat lasts >= ~10 ms). */
  iterations: number;
  repeats?: number;
  /** Median cost of the empty loop per iteration, subtracted above. */
  overhead_ns?: number;
  /** The median again, from process CPU time instead of the wall clock: close to
   * median_ns on an idle host, still meaningful on a busy one. Absent for ping-pongs. */
  cpu_median_ns?: number;
  note?: string;
  /** read-sweep */
  buffer_bytes?: number;
  ns_per_byte?: number;
  syscalls_per_mib?: number;
  mib_per_s?: number;
  /** page-fault */
  pages?: number;
  minor_faults_per_repeat?: number;
  faults_per_page?: number;
}

/** An operation the host cannot perform, and why. */
export interface UnavailableResult {
  op: string;
  unavailable: string;
}

/** One line of /proc/self/maps (proc(5)). Addresses as hex strings: some exceed 2^53. */
export interface MapRegion {
  op: 'region';
  start: string;
  end: string;
  size: number;
  perms: string;
  offset: string;
  dev: string;
  inode: number;
  /** File path, a bracketed pseudo-name ([stack], [vdso], [heap], ...) or '' for anonymous. */
  path: string;
}

export interface AuxvResult {
  op: 'auxv';
  type: number;
  name: string;
  value: string;
  /** For AT_PLATFORM / AT_EXECFN / AT_BASE_PLATFORM: the string pointed to. */
  string?: string;
}

export interface VdsoResult {
  op: 'vdso';
  address: string;
  source: string;
  /** Start of the [vdso] region in maps, for comparison with AT_SYSINFO_EHDR. */
  region_start?: string | null;
}

export interface AslrResult {
  op: 'aslr';
  /** Region label: [stack], [vdso], [heap], the executable, a library's basename... */
  region: string;
  runs: number;
  /** Runs in which the region was present. */
  seen: number;
  moved: boolean;
  distinct: number;
  min: string;
  max: string;
  /** max - min, in bytes (hex string, may exceed 2^53). */
  spread: string;
  /** log2(spread / page size + 1): an upper bound on observed randomisation bits. */
  spread_bits: number;
  /** log2(distinct placements seen): the most a sample of `runs` can show. */
  sample_bits: number;
}

export type EintrOutcome = 'eintr' | 'restarted' | 'completed' | 'error';

export interface EintrResult {
  /** eintr:read-pipe, eintr:poll, eintr:nanosleep */
  op: `eintr:${string}`;
  call: string;
  sa_restart: boolean;
  outcome: EintrOutcome;
  returned: number;
  errno: string;
  handler_ran: boolean;
  /** The handler ran while the call was blocked (cells where it did not are retried). */
  interrupted_in_call: boolean;
  elapsed_ms: number;
  /** What signal(7) says Linux does for this cell. */
  documented: EintrOutcome;
}

export type ProbeResult =
  | TimingResult
  | UnavailableResult
  | MapRegion
  | AuxvResult
  | VdsoResult
  | AslrResult
  | EintrResult;

export interface ProbeReport {
  host: HostFacts;
  kind: ProbeKind;
  probe: ProbeName;
  results: ProbeResult[];
  /** Set when the probe could not run at all (unsupported platform, crash, timeout, cancel). */
  error?: string;
  /** Method summary: repeats, minimum repeat length, pinning. */
  method?: { repeats: number; min_repeat_ms: number };
}

export interface ProbeProgress {
  probe: ProbeName;
  done: number;
  total: number;
}

export interface BuildResult {
  kind: ProbeKind;
  /** Folder holding the syscall-probe binary (native only). */
  dir: string | null;
  binary: string | null;
  compiler: string | null;
  /** True when this call compiled; false when a cached or prebuilt binary was reused. */
  built: boolean;
  /** Why the fallback set is in use, or the compiler's complaint. */
  reason?: string;
}
