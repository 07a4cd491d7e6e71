import { doReadNumber, ReadingConfig } from 'read-vietnamese-number';

/** How decisions and their money are written, shared by the decision's services. */

/** "05/QĐ-UBND": numbers below 10 take a leading 0. */
export function decisionNumberLabel(n: number): string {
  return `${n < 10 ? `0${n}` : n}/QĐ-UBND`;
}

const words = new ReadingConfig();
words.unit = ['đồng'];

/** 702000 → "Bảy trăm linh hai nghìn đồng". */
export function amountInWords(amount: number): string {
  const text = doReadNumber(String(amount), words);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
