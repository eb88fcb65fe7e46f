// Public API of the native probes (issue 6). The CLI `probe` command, the IPC
// handlers and the bench all go through here.

export { listProbes, isProbeName, unsupportedReason } from './probe-catalog.js';
export { runProbe, hostFacts, DEFAULT_TIMEOUT_MS, type RunProbeOptions } from './run-probe.js';
export { ensureProbesBuilt, buildProbes, exportProbes, cacheRoot, type BuildOptions } from './build.js';
export { formatReport } from './report-format.js';
export type { ProbeInfo, ProbeName, ProbeReport, ProbeResult, TimingResult, HostFacts, BuildResult, ProbeProgress } from '../../common/probe-types.js';
