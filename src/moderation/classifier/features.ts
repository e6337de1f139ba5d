import { normalizeForMatching } from "../text/normalize";
import { initialCode } from "../text/hangul";

/** A comment as the model sees it: hashed feature buckets and their L2-normalised weights. */
export interface Features {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Seeds that keep the feature families apart in the one hash space. */
const CHAR_SEED = 0x9e3779b1;
const WORD_SEED = 0x85ebca6b;
const INITIALS_SEED = 0xc2b2ae35;
const SKELETON_SEED = 0x27d4eb2f;
const JAMO_SEED = 0x165667b1;
/** The longest text looked at: comments are capped at 3000 characters anyway; this bounds the work. */
const MAX_CHARS = 4000;

/** Murmur3's finaliser: spreads a hash so its low bits (the bucket) and top bit (the sign) are independent. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Collects hashed counts for one text. A scratch array indexed by bucket plus the list of
 * buckets touched, so nothing is allocated per n-gram and clearing costs only what was used.
 */
class Accumulator {
  /** Called with each n-gram's bucket and where it lies in the padded text (`namedFeatures`); unset when scoring. */
  onAdd?: (bucket: number, from: number, to: number, hash: number) => void;
  /** The model's guarded buckets and the checks let into them (`FeatureConfig.guard`), for the text being read. */
  guard: Guard | undefined;
  private readonly counts: Float64Array;
  private readonly seen: Uint8Array;
  private readonly touched: number[] = [];
  constructor(private readonly mask: number) {
    this.counts = new Float64Array(mask + 1);
    this.seen = new Uint8Array(mask + 1);
  }
  add(hash: number, from = 0, to = 0): void {
    let h = mix(hash);
    let bucket = h & this.mask;
    // An n-gram the model never saw in one of its heaviest buckets is read as another bucket's:
    // "밀려난" must not borrow the weight of the slur whose bucket 려난 happens to share.
    const guard = this.guard;
    if (guard && guard.marked[bucket >>> 5]! & (1 << (bucket & 31)) && !guard.checks.get(bucket)!.has(checkOf(h, this.mask))) {
      h = mix(h ^ REHASH);
      bucket = h & this.mask;
    }
    this.onAdd?.(bucket, from, to, h);
    if (this.seen[bucket] === 0) {
      this.seen[bucket] = 1;
      this.touched.push(bucket);
    }
    // Signed hashing: colliding n-grams tend to cancel instead of piling up.
    this.counts[bucket]! += h & 0x80000000 ? -1 : 1;
  }
  /**
   * The touched buckets with their counts scaled to unit length, or less for a text with fewer
   * than `floor` (squared) counts: a word or two is little evidence, and would otherwise weigh
   * as much as a paragraph ("does" sharing "oes" with "hoes"). Resets the scratch array.
   */
  take(floor: number): Features {
    const indices = new Int32Array(this.touched.length);
    const values = new Float32Array(this.touched.length);
    let norm = 0;
    for (const bucket of this.touched) norm += this.counts[bucket]! ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(Math.max(norm, floor)) : 0;
    this.touched.forEach((bucket, i) => {
      indices[i] = bucket;
      values[i] = this.counts[bucket]! * scale;
      this.counts[bucket] = 0;
      this.seen[bucket] = 0;
    });
    this.touched.length = 0;
    return { indices, values };
  }
}

/** The guarded buckets, marked one bit each (most n-grams are checked against the bits alone), and their checks. */
interface Guard {
  marked: Uint32Array;
  checks: ReadonlyMap<number, ReadonlySet<number>>;
}
const REHASH = 0x5bd1e995;

/** Eleven hash bits above the bucket's: which n-gram of a bucket this is, near enough. */
const checkOf = (h: number, mask: number) => (h >>> (Math.log2(mask + 1) | 0)) & 0x7ff;

const SPACE = 0x20;
const isAsciiWordChar = (code: number) => code !== SPACE && code < 0x80;

/**
 * Character n-grams (1 to `maxN`) of the text padded with spaces, so word edges count. Inside
 * a Latin word only n-grams touching its start or end are kept: "shoes" and "does" must not
 * read as "hoes" from their middles; Korean words agglutinate (돼지새끼야), so every Hangul
 * n-gram is kept.
 */
function addCharGrams(acc: Accumulator, codes: Uint16Array, maxN: number): void {
  const last = codes.length - 1;
  for (let i = 0; i < codes.length; i++) {
    let h = CHAR_SEED;
    let latinInside = i > 0 && codes[i - 1] !== SPACE;
    for (let n = 0; n < maxN && i + n <= last; n++) {
      const code = codes[i + n]!;
      h = Math.imul(h ^ code, 0x01000193);
      latinInside &&= isAsciiWordChar(code);
      if (latinInside && i + n < last && isAsciiWordChar(codes[i + n + 1]!)) continue;
      acc.add(h ^ n, i, i + n + 1);
    }
  }
}

/** Whole words, so a long English word weighs as a unit and not only through its pieces. */
function addWords(acc: Accumulator, codes: Uint16Array): void {
  let h = WORD_SEED;
  let length = 0;
  for (let i = 1; i < codes.length; i++) {
    if (codes[i] !== 0x20) {
      h = Math.imul(h ^ codes[i]!, 0x01000193);
      length++;
    } else if (length > 0) {
      acc.add(h, i - length, i);
      h = WORD_SEED;
      length = 0;
    }
  }
}

/**
 * Bigrams and trigrams of Hangul initial consonants within words: 시발, 씨발 spelled ㅅㅂ and
 * ㅆㅂ share features with the spelled-out word, so an abbreviation seen once in training
 * borrows what the full words taught.
 */
function addInitials(acc: Accumulator, codes: Uint16Array): void {
  let a = 0;
  let b = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = initialCode(codes[i]!);
    if (c !== 0 && b !== 0) acc.add(Math.imul(INITIALS_SEED ^ b, 0x01000193) ^ c, i - 1, i + 1);
    if (c !== 0 && b !== 0 && a !== 0) acc.add(Math.imul(Math.imul(INITIALS_SEED ^ a, 0x01000193) ^ b, 0x01000193) ^ c ^ 0x5bd1e995, i - 2, i + 1);
    a = c === 0 ? 0 : b;
    b = c;
  }
}

/** Tense initials read as plain ones (ㄲ→ㄱ, ㄸ→ㄷ, ㅃ→ㅂ, ㅆ→ㅅ, ㅉ→ㅈ), by initial index. */
const PLAIN = [0, 0, 2, 3, 3, 5, 6, 7, 7, 9, 9, 11, 12, 12, 14, 15, 16, 17, 18];

/** A syllable without its vowel, tense initials read as plain (병, 빙, 뼝 → ㅂ…ㅇ), or 0 for anything else. */
function skeleton(code: number): number {
  const index = code - 0xac00;
  if (index < 0 || index > 11171) return 0;
  return 1 + PLAIN[Math.floor(index / 588)]! * 28 + (index % 28);
}

/**
 * Bigrams of syllable skeletons within words: spelling variants that swap a vowel or tense a
 * consonant (빙신, 븅신, 병신; 졵나, 존나; 씨발, 시발) share these features, so a variant never
 * seen in training borrows what the usual spelling taught.
 */
function addSkeletons(acc: Accumulator, codes: Uint16Array): void {
  let previous = 0;
  for (let i = 0; i < codes.length; i++) {
    const s = skeleton(codes[i]!);
    if (s !== 0 && previous !== 0) acc.add(Math.imul(SKELETON_SEED ^ previous, 0x01000193) ^ s);
    previous = s;
  }
}

const jamo = new Uint16Array(3 * 4096);

/**
 * Jamo 3- and 4-grams inside Hangul words (syllables split into initial, vowel and final):
 * spellings a vowel or a final apart (병신, 빙신, 벼엉신) still share most of these.
 */
function addJamoGrams(acc: Accumulator, codes: Uint16Array): void {
  let length = 0;
  const flush = () => {
    for (let i = 0; i + 3 <= length; i++) {
      let h = JAMO_SEED;
      for (let n = 0; n < 4 && i + n < length; n++) {
        h = Math.imul(h ^ jamo[i + n]!, 0x01000193);
        if (n >= 2) acc.add(h ^ n);
      }
    }
    length = 0;
  };
  for (let i = 0; i < codes.length && i < 4096; i++) {
    const index = codes[i]! - 0xac00;
    if (index < 0 || index > 11171) {
      if (length > 0) flush();
      continue;
    }
    jamo[length++] = 1 + Math.floor(index / 588);
    jamo[length++] = 20 + Math.floor((index % 588) / 28);
    if (index % 28 !== 0) jamo[length++] = 41 + (index % 28);
  }
  if (length > 0) flush();
}

/**
 * Everyday words that begin with a syllable profanity also begins with (개최국, 개인, 개발 and
 * 개새끼; 존경 and 존나). Their first syllable is read as a letter of its own, so they share
 * no n-gram with the profanity: left as they are, "개발자" borrows what "개새끼" taught.
 */
const INNOCENT_STARTS = new Map(
  (
    "개각 개강 개개 개관 개교 개구 개국 개그 개근 개나 개념 개량 개론 개막 개명 개미 개발 개방 개별 개봉 개비 개선 개설 개성 개수 " +
    "개시 개신 개악 개업 개요 개원 개월 개인 개입 개장 개전 개점 개정 개조 개종 개중 개찰 개척 개천 개체 개최 개축 개통 개편 개폐 " +
    "개표 개학 개항 개헌 개혁 개화 개회 존경 존귀 존댓 존립 존속 존엄 존재 존중 존칭 존함 병원 병역 병사 병력 병실 병상"
  )
    .split(" ")
    .map((w) => [w, 0xe000 + (w.charCodeAt(0) & 0xfff)] as const),
);

/**
 * Everyday words with profanity across a syllable boundary inside them (도시발전, 동시발생: 시발;
 * 시발점, 시발역), as three-syllable windows and which syllable to read as a letter of its own:
 * scored as written, "도시발전 계획" held more often than the insult it contains.
 */
const INNOCENT_INSIDE = new Map<string, number>([
  ..."도 동 당 즉 출 실 무 감 표 제 임 수 항 일 전 게 공 명 중 경 역 상 고 연 착".split(" ").map((first) => [`${first}시발`, 1] as const),
  ["시발점", 0],
  ["시발역", 0],
]);

/** 시, the one syllable every {@link INNOCENT_INSIDE} window has first or second: most text skips the lookup. */
const SI = 0xc2dc;

/** Marks the first syllable of every word in {@link INNOCENT_STARTS} and the marked one of {@link INNOCENT_INSIDE}'s windows, in place. */
function markInnocentStarts(codes: Uint16Array, text: string): void {
  for (let i = 0; i + 2 < codes.length; i++) {
    const at = codes[i] === SI || codes[i + 1] === SI ? INNOCENT_INSIDE.get(text.slice(i, i + 3)) : undefined;
    if (at !== undefined) codes[i + at] = 0xe000 + (codes[i + at]! & 0xfff);
  }
  for (let i = 1; i + 1 < codes.length; i++) {
    if (codes[i - 1] !== SPACE || codes[i]! < 0xac00) continue;
    const marked = INNOCENT_STARTS.get(text.slice(i, i + 2));
    if (marked !== undefined) codes[i] = marked;
  }
}

/** How a text becomes features; stored with the model so training and scoring agree. */
export interface FeatureConfig {
  hashBits: number;
  maxN: number;
  /** Squared norm under which a short text's features are scaled down (see `Accumulator.take`). */
  normFloor: number;
  /**
   * The model's heaviest buckets (its exactly stored weights) with the checks (`checkOf`) of the
   * training n-grams that fell in each: any other n-gram hashed there is moved to another bucket.
   * Training texts read the same with it or without it; only unseen n-grams move.
   */
  guard?: Readonly<Record<string, readonly number[]>>;
}

const guards = new WeakMap<FeatureConfig, Guard>();
function guardOf(config: FeatureConfig): Guard | undefined {
  if (!config.guard) return undefined;
  let guard = guards.get(config);
  if (!guard) {
    const checks = new Map(Object.entries(config.guard).map(([bucket, seen]) => [Number(bucket), new Set(seen)]));
    const marked = new Uint32Array(Math.ceil((1 << config.hashBits) / 32));
    for (const bucket of checks.keys()) marked[bucket >>> 5]! |= 1 << (bucket & 31);
    guard = { marked, checks };
    guards.set(config, guard);
  }
  return guard;
}

/** The text the features are taken from: the word filters' normalisation (spacing, jamo, look-alikes undone). */
export function classifierText(text: string): string {
  return normalizeForMatching(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
}

const accumulators = new Map<number, Accumulator>();

/**
 * Hashed features of a comment: character 1..maxN-grams, words and Hangul initials over the
 * normalised text, counts scaled to unit length. Pass `normalized` when the caller already
 * has {@link classifierText} of the comment (the pipeline does): normalising is most of the cost.
 *
 * @example extractFeatures("F.u.c.k y0u", { hashBits: 18, maxN: 4, normFloor: 80 }).indices.length // > 0
 */
export function extractFeatures(text: string, config: FeatureConfig, normalized = classifierText(text)): Features {
  const features = collect(accumulatorFor(config), config, normalized);
  last = { normalized, config, features };
  return features;
}

let last: { normalized: string; config: FeatureConfig; features: Features } | undefined;

/**
 * The features {@link extractFeatures} last made, if they were for this normalised text and
 * config: the site's correction reuses what the base score just extracted. Features are never
 * changed once made, so handing them out again is safe.
 */
export function lastFeatures(normalized: string, config: FeatureConfig): Features | undefined {
  return last && last.config === config && last.normalized === normalized ? last.features : undefined;
}

function accumulatorFor(config: FeatureConfig): Accumulator {
  const mask = (1 << config.hashBits) - 1;
  let acc = accumulators.get(mask);
  if (!acc) {
    acc = new Accumulator(mask);
    accumulators.set(mask, acc);
  }
  return acc;
}

function collect(acc: Accumulator, config: FeatureConfig, normalized: string): Features {
  acc.guard = guardOf(config);
  const padded = ` ${normalized.length > MAX_CHARS ? normalized.slice(0, MAX_CHARS) : normalized} `;
  const codes = new Uint16Array(padded.length);
  for (let i = 0; i < padded.length; i++) codes[i] = padded.charCodeAt(i);
  markInnocentStarts(codes, padded);
  addCharGrams(acc, codes, config.maxN);
  addWords(acc, codes);
  addInitials(acc, codes);
  addSkeletons(acc, codes);
  addJamoGrams(acc, codes);
  return acc.take(config.normFloor);
}

/**
 * The same features as {@link extractFeatures}, with the n-grams that fell in each bucket (or
 * only in the `wanted` ones), as read in the normalised text: for explaining a score to
 * moderators, never on the hot path.
 *
 * @example namedFeatures("바보야", config).names.get(bucket) // ["바보"]
 */
export function namedFeatures(
  text: string,
  config: FeatureConfig,
  normalized = classifierText(text),
  wanted?: ReadonlySet<number>,
): { features: Features; names: Map<number, string[]> } {
  const padded = ` ${normalized.length > MAX_CHARS ? normalized.slice(0, MAX_CHARS) : normalized} `;
  const names = new Map<number, string[]>();
  const features = collectWatching(config, normalized, (bucket, from, to) => {
    if (wanted && !wanted.has(bucket)) return;
    const name = padded.slice(from, to);
    const list = names.get(bucket);
    if (!list) names.set(bucket, [name]);
    else if (!list.includes(name)) list.push(name);
  });
  return { features, names };
}

/** `collect`, with `onAdd` told of every n-gram as it is added. */
function collectWatching(config: FeatureConfig, normalized: string, onAdd: NonNullable<Accumulator["onAdd"]>): Features {
  const acc = accumulatorFor(config);
  acc.onAdd = onAdd;
  try {
    return collect(acc, config, normalized);
  } finally {
    acc.onAdd = undefined;
  }
}

/**
 * Each n-gram's bucket and check (`checkOf`) in a text, as `extractFeatures` reads it: what the
 * model's guard of its heaviest buckets is made of (train:classifier).
 */
export function bucketChecks(text: string, config: FeatureConfig, visit: (bucket: number, check: number) => void): void {
  const mask = (1 << config.hashBits) - 1;
  collectWatching(config, classifierText(text), (bucket, _from, _to, hash) => visit(bucket, checkOf(hash, mask)));
}
