/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, single
 * spaces. "Nguyễn Thị Hường" and "nguyen thi huong" fold to the same string.
 * Stored beside names (an indexed `search_name` column) and applied to queries.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes LIKE wildcards so user input matches literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
