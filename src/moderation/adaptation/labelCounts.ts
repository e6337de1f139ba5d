import type { Features } from "../classifier/features";
import { FOLD_SIZE, foldedSlot } from "./siteModel";

/**
 * How much of each folded slot a site's abusive and clean labels carried (feature values,
 * times the label's weight): the Naive Bayes side of the site's learner. A slot's ratio says
 * how well it tells the site's two classes apart, and scales what the slot can learn.
 */
export interface LabelCounts {
  abusive: Float32Array;
  clean: Float32Array;
  abusiveTotal: number;
  cleanTotal: number;
}

/**
 * Smoothing added to every slot's count: a slot seen once in one class only still has a
 * bounded ratio. 0.25 on the K-MHaS train split (0.1–0.5 within a point).
 */
const SMOOTHING = 0.25;

export function blankCounts(): LabelCounts {
  return { abusive: new Float32Array(FOLD_SIZE), clean: new Float32Array(FOLD_SIZE), abusiveTotal: 0, cleanTotal: 0 };
}

/**
 * A count this large halves every count (the ratios of well-counted slots stay as they were):
 * they are stored as half floats, which top out at 65504, and a site learns for years (years of
 * a busy site's labels and presumed-clean comments before any slot gets here).
 */
export const HALVE_AT = 30_000;

/** Adds (`direction` 1) or takes back (-1) one label's features, folded as the site folds them. */
export function countLabel(counts: LabelCounts, { indices, values }: Features, abusive: boolean, weight: number, direction: 1 | -1): void {
  const table = abusive ? counts.abusive : counts.clean;
  let total = 0;
  let largest = 0;
  for (let k = 0; k < indices.length; k++) {
    const slot = foldedSlot(indices[k]!);
    const v = Math.abs(values[k]!) * weight * direction;
    table[slot] = Math.max(0, table[slot]! + v);
    largest = Math.max(largest, table[slot]!);
    total += v;
  }
  if (abusive) counts.abusiveTotal = Math.max(0, counts.abusiveTotal + total);
  else counts.cleanTotal = Math.max(0, counts.cleanTotal + total);
  for (; largest > HALVE_AT; largest /= 2) halve(counts);
}

function halve(counts: LabelCounts): void {
  for (let slot = 0; slot < FOLD_SIZE; slot++) {
    counts.abusive[slot]! /= 2;
    counts.clean[slot]! /= 2;
  }
  counts.abusiveTotal /= 2;
  counts.cleanTotal /= 2;
}

/** Sets the totals to the sums of the counts (counts read back or rounded: the totals they stand for). */
export function recountTotals(counts: LabelCounts): void {
  counts.abusiveTotal = 0;
  counts.cleanTotal = 0;
  for (let slot = 0; slot < FOLD_SIZE; slot++) {
    counts.abusiveTotal += counts.abusive[slot]!;
    counts.cleanTotal += counts.clean[slot]!;
  }
}

/** The smoothed totals the ratios divide by (computed once per pass over many slots). */
export function normalisers(counts: LabelCounts): { abusive: number; clean: number } {
  return { abusive: counts.abusiveTotal + SMOOTHING * FOLD_SIZE, clean: counts.cleanTotal + SMOOTHING * FOLD_SIZE };
}

/**
 * A slot's Naive Bayes log-count ratio, as a magnitude: 0 for a slot both classes carry alike
 * (or neither), larger the more one class has it. NB-LR (Wang & Manning) on the site's own labels.
 */
export function ratioAt(counts: LabelCounts, slot: number, norm = normalisers(counts)): number {
  return Math.abs(Math.log((counts.abusive[slot]! + SMOOTHING) / norm.abusive / ((counts.clean[slot]! + SMOOTHING) / norm.clean)));
}

/** Weights scaled each by its slot's ratio under these counts: what the site's model applies. */
export function scaledByRatios(weights: Float32Array, counts: LabelCounts, into: Float32Array = new Float32Array(FOLD_SIZE)): Float32Array {
  const norm = normalisers(counts);
  for (let slot = 0; slot < FOLD_SIZE; slot++) {
    const w = weights[slot]!;
    into[slot] = w === 0 ? 0 : w * ratioAt(counts, slot, norm);
  }
  return into;
}
