import type { Phase } from "../types";

/** Minimum decided comments before a rejection rate means anything. */
const MIN_DECISIONS = 3;

/** Pre-moderates authors whose recent comments were often rejected, and accounts too young. */
export const trust: Phase = (input) => {
  const { recentDecisions, recentRejections } = input.history;
  const findings: ReturnType<Phase> = [];
  if (recentDecisions >= MIN_DECISIONS && recentRejections / recentDecisions >= input.settings.rejectionRateThreshold) {
    findings.push({ source: "trust", action: "hold", code: "low_trust", detail: `${recentRejections} of ${recentDecisions} recent comments rejected` });
  }
  const ageSeconds = (input.now - input.author.createdAt) / 1000;
  if (ageSeconds < input.settings.minAccountAgeSeconds) {
    findings.push({ source: "trust", action: "hold", code: "new_account", detail: `Account is ${Math.floor(ageSeconds)} s old` });
  }
  return findings;
};
