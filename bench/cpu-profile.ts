/**
 * Summarises a V8 `.cpuprofile` of a bundled step: self time per function, each traced back to its
 * source file through the `// path/to/file.ts` markers esbuild writes before each module when it does
 * not minify.
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  top: { name: string; source: string; selfMs: number; share: number }[];
  /** Self time per source file (or package), largest first. */
  byFile: { source: string; selfMs: number; share: number }[];
}

export async function summariseCpuProfile(
  path: string,
  bundle: string,
  root: string,
  count: number,
): Promise<ProfileSummary> {
  const profile = JSON.parse(await readFile(path, 'utf8')) as CpuProfile;
  const bundleLines = (await readFile(bundle, 'utf8')).split('\n');
  const markers: { line: number; source: string }[] = [];
  bundleLines.forEach((text, index) => {
    // esbuild names each module by its path from the working directory: `shared/…`, `node_modules/…`, or
    // `../../work/main/node_modules/…` when node_modules is a symlink out of a snapshot.
    const marker = /^\/\/ ((?:\.\.\/)*[\w@.-][\w@./-]*\.(?:[cm]?[jt]s|json))$/.exec(text);
    if (marker?.[1]) markers.push({ line: index, source: marker[1] });
  });
  const sourceOf = (node: ProfileNode): string => {
    const { url, lineNumber } = node.callFrame;
    if (url === '') return '(V8 / native)';
    if (!url.endsWith(bundle.split('/').at(-1) ?? ''))
      return url.replace(/^node:/, 'node:').replace(`file://${root}/`, '');
    let source = '(bundle)';
    for (const marker of markers) {
      if (marker.line > lineNumber) break;
      source = marker.source;
    }
    return source.replace(/^(?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/]+)\/.*/, '$1 (package)');
  };

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfById = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfById.set(id, (selfById.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byFunction = new Map<string, { name: string; source: string; selfMs: number }>();
  const byFile = new Map<string, number>();
  let totalMs = 0;
  for (const [id, micros] of selfById) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const ms = micros / 1000;
    totalMs += ms;
    const name = node.callFrame.functionName || '(anonymous)';
    const source = sourceOf(node);
    const key = `${name}@${source}:${node.callFrame.lineNumber}`;
    const entry = byFunction.get(key) ?? { name, source, selfMs: 0 };
    entry.selfMs += ms;
    byFunction.set(key, entry);
    byFile.set(source, (byFile.get(source) ?? 0) + ms);
  }
  const share = (ms: number) => Number((ms / totalMs).toFixed(4));
  return {
    totalMs: Math.round(totalMs),
    top: [...byFunction.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, count)
      .map((entry) => ({ ...entry, selfMs: Math.round(entry.selfMs), share: share(entry.selfMs) })),
    byFile: [...byFile.entries()]
      .map(([source, ms]) => ({ source, selfMs: Math.round(ms), share: share(ms) }))
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, count),
  };
}
