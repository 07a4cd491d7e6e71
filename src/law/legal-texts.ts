/**
 * The texts a decision on emulation and commendation rests on, with when each
 * is in force, grouped in rule packs by the date that chooses them (the
 * decision's date). From these the legal bases of a decision are printed:
 * the pack's own, then the movement's, without duplicates and without a text
 * repealed on that date. Facts to check against the texts are listed in the
 * closing note of the session that wrote them.
 */

/** A legal text: its number (what identifies it in a citation), how a decision cites it, when in force. */
export interface LegalText {
  /** As a citation names it: "152/2025/NĐ-CP", "Luật Thi đua, khen thưởng 2022". */
  id: string;
  /** The line printed under "Căn cứ", without "Căn cứ" and the final ";". */
  basis: string;
  from: string;
  /** The last day in force, if repealed or replaced. */
  to: string | null;
}

const TEXTS: LegalText[] = [
  {
    id: 'Luật Tổ chức chính quyền địa phương 2015',
    basis:
      'Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019',
    from: '2016-01-01',
    to: '2025-02-28',
  },
  {
    id: 'Luật Tổ chức chính quyền địa phương 2025',
    basis: 'Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025',
    from: '2025-03-01',
    to: '2025-06-30',
  },
  {
    id: '72/2025/QH15',
    basis: 'Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025',
    from: '2025-07-01',
    to: null,
  },
  {
    id: '06/2022/QH15',
    basis: 'Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
    from: '2024-01-01',
    to: null,
  },
  {
    id: '98/2023/NĐ-CP',
    basis:
      'Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
    from: '2023-12-31',
    to: '2025-06-30',
  },
  {
    id: '28/2024/NĐ-CP',
    basis:
      'Nghị định số 28/2024/NĐ-CP ngày 06 tháng 3 năm 2024 của Chính phủ sửa đổi Nghị định số 98/2023/NĐ-CP',
    from: '2024-03-06',
    to: '2025-06-30',
  },
  {
    id: '01/2024/TT-BNV',
    basis:
      'Thông tư số 01/2024/TT-BNV ngày 27 tháng 02 năm 2024 của Bộ trưởng Bộ Nội vụ quy định chi tiết một số điều của Luật Thi đua, khen thưởng',
    from: '2024-04-12',
    to: '2025-06-30',
  },
  {
    id: '152/2025/NĐ-CP',
    basis:
      'Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng',
    from: '2025-07-01',
    to: null,
  },
  {
    id: '15/2025/TT-BNV',
    basis:
      'Thông tư số 15/2025/TT-BNV của Bộ trưởng Bộ Nội vụ hướng dẫn thi hành Nghị định số 152/2025/NĐ-CP',
    from: '2025-07-01',
    to: null,
  },
  // Repealed long before: never printed, but recognised when a movement still cites them.
  {
    id: '91/2017/NĐ-CP',
    basis: 'Nghị định số 91/2017/NĐ-CP',
    from: '2017-07-31',
    to: '2023-12-30',
  },
  {
    id: '12/2019/TT-BNV',
    basis: 'Thông tư số 12/2019/TT-BNV',
    from: '2020-01-01',
    to: '2024-04-11',
  },
];

/** A rule pack: the national texts a decision of a date rests on. */
export interface RulePack {
  id: string;
  name: string;
  from: string;
  to: string | null;
  /** The texts the pack's decisions cite first, in this order. */
  bases: string[];
}

export const RULE_PACKS: RulePack[] = [
  {
    id: 'national-2024',
    name: 'Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV',
    from: '2024-01-01',
    to: '2025-06-30',
    bases: [
      'Luật Tổ chức chính quyền địa phương 2015',
      'Luật Tổ chức chính quyền địa phương 2025',
      '06/2022/QH15',
      '98/2023/NĐ-CP',
      '28/2024/NĐ-CP',
      '01/2024/TT-BNV',
    ],
  },
  {
    id: 'national-2025',
    name: 'Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP; Thông tư 15/2025/TT-BNV',
    from: '2025-07-01',
    to: null,
    bases: ['72/2025/QH15', '06/2022/QH15', '152/2025/NĐ-CP', '15/2025/TT-BNV'],
  },
];

const inForce = (t: { from: string; to: string | null }, date: string) =>
  t.from <= date && (t.to === null || date <= t.to);

/** The pack in force on a date (the decision's date). */
export function packOn(date: string): RulePack {
  const pack = RULE_PACKS.find((p) => inForce(p, date));
  if (!pack) throw new Error(`No rule pack in force on ${date}`);
  return pack;
}

const textById = new Map(TEXTS.map((t) => [t.id, t]));

/** A text a line cites, found by its number ("98/2023/NĐ-CP") or its name. */
function citedText(line: string): LegalText | undefined {
  const folded = line.normalize('NFC');
  return TEXTS.find((t) => folded.includes(t.id) || folded.includes(t.basis));
}

/** "Căn cứ …;" → the cited part alone, to compare lines however they were typed. */
const bare = (line: string) =>
  line
    .trim()
    .replace(/^Căn cứ\s+/i, '')
    .replace(/[;.]\s*$/, '')
    .trim();

/**
 * A text of the province: what the law delegates to it (the standards of a
 * Giấy khen for persons, collectives and households, thresholds, the
 * council's quorum), in force from a date to a date; an authority keeps its
 * province's (the provincial pack).
 */
export interface ProvincialText {
  /** The line printed under "Căn cứ", e.g. "Quyết định số 20/2024/QĐ-UBND … ban hành Quy chế …". */
  basis: string;
  from: string;
  to: string | null;
}

/**
 * The legal bases a decision of `date` prints: the national pack's texts in
 * force, then the province's in force, then `extra` (the movement's), each
 * once; a line citing a text repealed on that date is left out. Each line as
 * printed: "Căn cứ …;".
 */
export function legalBasesOn(
  date: string,
  extra: string[] = [],
  provincial: ProvincialText[] = [],
): string[] {
  const lines: string[] = [];
  const cited = new Set<string>();
  for (const id of packOn(date).bases) {
    const text = textById.get(id)!;
    if (!inForce(text, date)) continue;
    lines.push(text.basis);
    cited.add(text.id);
  }
  const province = provincial.filter((t) => inForce(t, date)).map((t) => t.basis);
  for (const line of [...province, ...extra].map(bare).filter(Boolean)) {
    const text = citedText(line);
    if (text && (cited.has(text.id) || !inForce(text, date))) continue;
    if (lines.some((l) => l.toLowerCase() === line.toLowerCase())) continue;
    if (text) cited.add(text.id);
    lines.push(line);
  }
  return lines.map((l) => `Căn cứ ${l};`);
}
