// Facts about the machine a probe ran on: without them a figure means little
// (a VM's clocksource, the speculation mitigations in force, the CPU model).

import { readdir, readFile } from 'node:fs/promises';
import { arch, cpus, loadavg, platform, release, version } from 'node:os';
import { join } from 'node:path';
import type { HostFacts } from '../../common/probe-types.js';

const CLOCKSOURCE = '/sys/devices/system/clocksource/clocksource0/current_clocksource';
const VULNERABILITIES = '/sys/devices/system/cpu/vulnerabilities';

async function readLine(path: string): Promise<string | null> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return null;
  }
}

/** Each file under /sys/devices/system/cpu/vulnerabilities (sysfs-devices-system-cpu ABI). */
async function readMitigations(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    const line = await readLine(join(dir, name));
    if (line !== null) out[name] = line;
  }
  return out;
}

/** /proc/cpuinfo "model name" (x86) or the implementer/part lines (arm64) when os.cpus() has no model. */
async function cpuModel(): Promise<string> {
  const fromOs = cpus()[0]?.model?.trim();
  if (fromOs) return fromOs;
  const info = await readLine('/proc/cpuinfo');
  if (!info) return 'unknown';
  const impl = /^CPU implementer\s*:\s*(\S+)/m.exec(info)?.[1];
  const part = /^CPU part\s*:\s*(\S+)/m.exec(info)?.[1];
  return impl && part ? `implementer ${impl} part ${part}` : 'unknown';
}

export async function collectHostFacts(compiler: string | null): Promise<HostFacts> {
  const linux = platform() === 'linux';
  return {
    platform: platform(),
    arch: arch(),
    cpuModel: await cpuModel(),
    cores: cpus().length,
    kernelRelease: release(),
    kernelVersion: version(),
    clocksource: linux ? await readLine(CLOCKSOURCE) : null,
    mitigations: linux ? await readMitigations(VULNERABILITIES) : {},
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
    compiler,
  };
}
