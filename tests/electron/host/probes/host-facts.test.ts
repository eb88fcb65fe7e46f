// Host facts against the tools and files that own them: uname(1), sysfs, nproc(1).

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { hostFacts } from '../../../../electron/host/probes/index.js';

test('host facts agree with uname, nproc and sysfs', async () => {
  const h = await hostFacts();
  expect(h.kernelRelease).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
  expect(h.kernelVersion).toBe(execFileSync('uname', ['-v'], { encoding: 'utf8' }).trim());
  expect(h.cores).toBe(Number(execFileSync('nproc', ['--all'], { encoding: 'utf8' })));
  expect(h.clocksource).toBe(readFileSync('/sys/devices/system/clocksource/clocksource0/current_clocksource', 'utf8').trim());
  const vulns = readdirSync('/sys/devices/system/cpu/vulnerabilities').sort();
  expect(Object.keys(h.mitigations).sort()).toEqual(vulns);
  for (const v of vulns) expect(h.mitigations[v]).toBe(readFileSync(`/sys/devices/system/cpu/vulnerabilities/${v}`, 'utf8').trim());
  const modelLine = /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  if (modelLine) expect(h.cpuModel).toBe(modelLine.trim());
  expect(h.compiler).toBe(execFileSync('cc', ['--version'], { encoding: 'utf8' }).split('\n')[0]);
});
