/**
 * The labelled comments the classifier learns from and is measured on, read from
 * `../shared/datasets` beside the repository (wherever the repository is cloned).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Repository root: this file lives in scripts/lib. */
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DATASETS_DIR = fileURLToPath(new URL("../../../shared/datasets/", import.meta.url));

export const DATASETS = ["korean-hate-speech-beep", "k-mhas", "korean-curse-2runo", "english-hate-offensive-davidson"] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface Example {
  dataset: DatasetName;
  text: string;
  toxic: boolean;
  /** The dataset's own finer label (hate_speech, profanity,politics, offensive;bias=gender...). */
  fine: string;
}

/** Reads one split (`text<TAB>label<TAB>orig_label` with a header row). */
export function loadSplit(dataset: DatasetName, split: "train" | "test"): Example[] {
  const file = `${DATASETS_DIR}${dataset}/${split}.tsv`;
  if (!existsSync(file)) throw new Error(`missing ${file}: the datasets belong in ../shared/datasets beside the repository`);
  const lines = readFileSync(file, "utf8").split("\n").slice(1);
  const examples: Example[] = [];
  for (const line of lines) {
    if (line.trim() === "") continue;
    const [text, label, fine] = line.split("\t");
    if (text === undefined || (label !== "toxic" && label !== "ok")) throw new Error(`bad row in ${file}: ${line.slice(0, 80)}`);
    examples.push({ dataset, text, toxic: label === "toxic", fine: fine ?? "" });
  }
  return examples;
}

/**
 * The validation part carved out of a train split: 15% of rows, chosen by a hash of the text
 * so the choice is stable and identical texts fall on the same side.
 */
export function isValidation(text: string): boolean {
  return createHash("sha256").update(text).digest().readUInt32BE(0) % 100 < 15;
}
