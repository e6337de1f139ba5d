/** D1 allows at most 100 bound parameters a statement; IN lists are split below that. */
export const MAX_IN_LIST = 90;

export function chunk<T>(items: T[], size = MAX_IN_LIST): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
