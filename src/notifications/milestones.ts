/**
 * The 공감 counts a comment's author is told about: 10, 50, 100, 500, 1000, 5000, … (1 and 5
 * times each power of ten from 10), up to a billion.
 *
 * @example LIKE_MILESTONES.slice(0, 4) // [10, 50, 100, 500]
 */
export const LIKE_MILESTONES: readonly number[] = Array.from({ length: 9 }, (_, k) => [10 ** (k + 1), 5 * 10 ** (k + 1)]).flat();
