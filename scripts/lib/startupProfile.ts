/** Reads the CPU profile `wrangler check startup` writes of a Worker's global scope. */

/** The parts of a V8 `.cpuprofile` read here (times in microseconds). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Milliseconds of CPU the start-up took: every sample that is not `(idle)` (JavaScript, parsing
 * and compiling as `(program)`, garbage collection). A sample is charged the time since the one
 * before it: V8 samples about every millisecond while the isolate is busy and hardly at all while
 * it waits, so charging the time up to the next sample instead would bill the idle wait after the
 * import to the last busy sample.
 *
 * @example
 * busyMs(JSON.parse(readFileSync("worker-startup.cpuprofile", "utf8"))) // 44.2
 */
export function busyMs(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === "(idle)").map((n) => n.id));
  let micros = 0;
  for (const [i, node] of profile.samples.entries()) if (!idle.has(node)) micros += profile.timeDeltas[i]!;
  return micros / 1000;
}

/** The middle value: one slow run on a shared machine neither passes nor fails the budget alone. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
