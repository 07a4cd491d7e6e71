/**
 * How names and texts read on an administrative document (Nghị định 30/2020):
 * abbreviations of bodies spelled out, typographic quotation marks, no
 * internal catalogue labels.
 */

const ABBREVIATIONS: [RegExp, string][] = [
  [/\bUBND\b/g, 'Ủy ban nhân dân'],
  [/\bHĐND\b/g, 'Hội đồng nhân dân'],
  [/\bMTTQ\b/g, 'Mặt trận Tổ quốc'],
];

/** "UBND xã Hưng Đạo" → "Ủy ban nhân dân xã Hưng Đạo". */
export function spelledOut(name: string): string {
  return ABBREVIATIONS.reduce((text, [pattern, full]) => text.replace(pattern, full), name);
}

/** Straight double quotes as opening and closing marks: "Chợ 4.0" → “Chợ 4.0”. */
export function typographic(text: string): string {
  let quotes = 0;
  return text.replace(/"/g, () => (quotes++ % 2 === 0 ? '“' : '”'));
}

/**
 * An award form's name as printed: the catalogue's trailing label that tells
 * forms of the same name apart ("(cá nhân)", "(tập thể)") is not part of it.
 */
export function printedFormName(name: string): string {
  return name.replace(/\s*\((cá nhân|tập thể|hộ gia đình)\)\s*$/i, '');
}
