/**
 * What every measured step shares: it runs alone in a fresh `node` process (built by bench/run.ts into
 * one bundle, as the Lambda runs), and ends by printing one `@@RESULT {json}` line with its own figures
 * and the process's peak RSS.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { SpendFigures } from '../../shared/report/index.ts';

export const RESULT_MARK = '@@RESULT ';

/** Per financial year label: the figures every reader is compared on (integer pence, and line counts). */
export type FyFigures = Record<string, Omit<SpendFigures, never>>;

/** The step's arguments: one JSON object in argv[2]. */
export function stepArguments<T>(): T {
  return JSON.parse(process.argv[2] ?? '{}') as T;
}

/**
 * Peak resident set of this process so far, in bytes: the kernel's high-water mark of this process's own
 * memory (VmHWM). Not `process.resourceUsage().maxRSS`: on Linux that survives fork + exec, so a child
 * spawned by a 500 MB parent reports 480 MB before it has done anything.
 */
export function peakRss(): number {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Number(hwm[1]) * 1024 : process.resourceUsage().maxRSS * 1024;
}

export function currentRss(): number {
  return process.memoryUsage.rss();
}

/**
 * Resets the kernel's high-water mark to the current RSS (Linux `clear_refs` 5), so a later `peakRss()`
 * is the peak of what follows. False when the kernel refuses.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** A stopwatch of named phases: wall time and this process's CPU time (all threads), in milliseconds. */
export function stopwatch(): {
  lap: (name: string) => number;
  phases: Record<string, number>;
  cpuPhases: Record<string, number>;
} {
  const phases: Record<string, number> = {};
  const cpuPhases: Record<string, number> = {};
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  return {
    phases,
    cpuPhases,
    lap(name) {
      const now = performance.now();
      const cpu = process.cpuUsage(lastCpu);
      phases[name] = now - last;
      cpuPhases[name] = (cpu.user + cpu.system) / 1000;
      last = now;
      lastCpu = process.cpuUsage();
      return phases[name];
    },
  };
}

export function finish(result: Record<string, unknown>): void {
  const out = { ...result, peakRssBytes: peakRss(), processUptimeMs: performance.now() };
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify(out)}\n`);
}
