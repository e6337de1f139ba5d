/**
 * How long a comment may be, and how its length is counted. No imports: the reader widget's
 * composer bundles this module to count as the API does (src/widget/client/frame/composer.ts).
 */
export const MAX_BODY_CHARS = 3000;

/** Characters as readers count them: code points, so a Korean syllable or an emoji is one. */
export const charCount = (text: string) => [...text].length;
