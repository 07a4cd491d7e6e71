/**
 * The titles and forms whose reward the law sets as a multiple of the base
 * salary, per subject kind, by date, each with its citation. An award form
 * names its title (`lawTitle`); its amount then follows the pack in force on
 * the decision's date, not a number typed in the catalogue.
 */
export const LAW_TITLES = {
  'giay-khen': 'Giấy khen',
  'lao-dong-tien-tien': 'Danh hiệu "Lao động tiên tiến"',
  'chien-si-thi-dua-co-so': 'Danh hiệu "Chiến sĩ thi đua cơ sở"',
  'tap-the-lao-dong-tien-tien': 'Danh hiệu "Tập thể lao động tiên tiến"',
  'tap-the-lao-dong-xuat-sac': 'Danh hiệu "Tập thể lao động xuất sắc"',
  // Proposed upward by a commune: its rules are checked here, its money is the province's.
  'bang-khen-tinh': 'Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh',
} as const;

export type LawTitle = keyof typeof LAW_TITLES;

interface Multiple {
  title: LawTitle;
  /** The subject kind: a person, a collective or a household (the awards catalogue's recipient kinds). */
  kind: 'individual' | 'collective' | 'household';
  multiple: number;
  citation: string;
  from: string;
  to: string | null;
}

const ND152 = 'Nghị định số 152/2025/NĐ-CP, Điều 50-54';

const MULTIPLES: Multiple[] = [
  {
    title: 'giay-khen',
    kind: 'individual',
    multiple: 0.3,
    citation: ND152,
    from: '2025-07-01',
    to: null,
  },
  {
    title: 'giay-khen',
    kind: 'collective',
    multiple: 0.6,
    citation: ND152,
    from: '2025-07-01',
    to: null,
  },
  {
    title: 'giay-khen',
    kind: 'household',
    multiple: 0.3,
    citation: ND152,
    from: '2025-07-01',
    to: null,
  },
  {
    title: 'lao-dong-tien-tien',
    kind: 'individual',
    multiple: 0.3,
    citation: ND152,
    from: '2025-07-01',
    to: null,
  },
  {
    title: 'chien-si-thi-dua-co-so',
    kind: 'individual',
    multiple: 1,
    citation: ND152,
    from: '2025-07-01',
    to: null,
  },
  {
    title: 'tap-the-lao-dong-tien-tien',
    kind: 'collective',
    multiple: 0.8,
    citation: ND152,
    from: '2025-07-01',
    to: null,
  },
  {
    title: 'tap-the-lao-dong-xuat-sac',
    kind: 'collective',
    multiple: 1.5,
    citation: ND152,
    from: '2025-07-01',
    to: null,
  },
];

/** The multiple the law sets for a title and subject kind on a date, with its citation; null if none. */
export function multipleOn(
  title: string | null,
  kind: string,
  date: string,
): { multiple: number; citation: string } | null {
  const found = MULTIPLES.find(
    (m) =>
      m.title === title && m.kind === kind && m.from <= date && (m.to === null || date <= m.to),
  );
  return found ? { multiple: found.multiple, citation: found.citation } : null;
}

/** Money: the multiple of the base salary, rounded up to the authority's step (1.000 đồng by default). */
export function awardAmount(multiplier: number, baseSalary: number, roundTo = 1000): number {
  // In whole đồng first, so that 0,3 × 2.340.000 is 702.000 and not 702.000,0000001.
  return Math.ceil(Math.round(multiplier * baseSalary) / roundTo) * roundTo;
}
