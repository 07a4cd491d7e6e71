/**
 * Eligibility rules over a person's cases (discipline, investigation,
 * inspection, complaint), each with its citation and what a failure does:
 * REFUSE (cannot be awarded), HOLD (the award waits until the case closes; it
 * is not refused). Pure: the caller gives the cases and the decision's date.
 */

export enum CaseKind {
  /** Đang xem xét kỷ luật. */
  DisciplineReview = 'discipline_review',
  /** Đang thi hành kỷ luật (a term with its start and end). */
  Discipline = 'discipline',
  Investigation = 'investigation',
  Inspection = 'inspection',
  Complaint = 'complaint',
}

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  [CaseKind.DisciplineReview]: 'Đang xem xét kỷ luật',
  [CaseKind.Discipline]: 'Kỷ luật',
  [CaseKind.Investigation]: 'Đang bị điều tra',
  [CaseKind.Inspection]: 'Đang bị thanh tra, kiểm tra',
  [CaseKind.Complaint]: 'Có đơn khiếu nại, tố cáo đang được xác minh',
};

export type RuleKind = 'REFUSE' | 'HOLD' | 'WARN' | 'ATTEST';

export interface CaseFacts {
  kind: CaseKind;
  startsOn: string;
  /** The case's close (or the discipline term's end); null while open. */
  endsOn: string | null;
}

export interface RuleResult {
  rule: string;
  kind: RuleKind;
  citation: string;
  message: string;
}

const CITATION = 'Nghị định số 152/2025/NĐ-CP, Điều 4';

/**
 * Whether a case bears on a date: a discipline term runs to its last day
 * inclusive; a review, investigation, inspection or complaint no longer holds
 * an award from the day it closes (its conclusion is known that day).
 */
const openOn = (c: CaseFacts, date: string) =>
  c.startsOn <= date &&
  (c.endsOn === null || (c.kind === CaseKind.Discipline ? date <= c.endsOn : date < c.endsOn));

/**
 * What the cases say of an award dated `date`: a discipline term in force
 * refuses it; a review, investigation, inspection or complaint still open
 * holds it until it closes. One result per rule that fails.
 */
export function caseRules(cases: CaseFacts[], date: string): RuleResult[] {
  const open = cases.filter((c) => openOn(c, date));
  const results: RuleResult[] = [];
  if (open.some((c) => c.kind === CaseKind.Discipline))
    results.push({
      rule: 'ND152-D4-KY-LUAT',
      kind: 'REFUSE',
      citation: CITATION,
      message: `Đang trong thời gian thi hành kỷ luật: không khen thưởng (${CITATION}).`,
    });
  const holding = open.filter((c) => c.kind !== CaseKind.Discipline);
  if (holding.length)
    results.push({
      rule: 'ND152-D4-CHO-KET-LUAN',
      kind: 'HOLD',
      citation: CITATION,
      message: `${[...new Set(holding.map((c) => CASE_KIND_LABELS[c.kind]))].join('; ')}: chưa khen thưởng, chờ kết luận (${CITATION}).`,
    });
  return results;
}

/** The yearly task rating (đánh giá, xếp loại) of a person. */
export enum TaskRating {
  /** Hoàn thành xuất sắc nhiệm vụ. */
  Excellent = 'htxsnv',
  /** Hoàn thành tốt nhiệm vụ. */
  Good = 'httnv',
  /** Hoàn thành nhiệm vụ. */
  Done = 'htnv',
  /** Không hoàn thành nhiệm vụ. */
  NotDone = 'khtnv',
}

export const TASK_RATING_LABELS: Record<TaskRating, string> = {
  [TaskRating.Excellent]: 'Hoàn thành xuất sắc nhiệm vụ',
  [TaskRating.Good]: 'Hoàn thành tốt nhiệm vụ',
  [TaskRating.Done]: 'Hoàn thành nhiệm vụ',
  [TaskRating.NotDone]: 'Không hoàn thành nhiệm vụ',
};

const TITLE_CITATIONS: Record<string, string> = {
  'lao-dong-tien-tien': 'Luật Thi đua, khen thưởng 2022, Điều 24',
  'chien-si-thi-dua-co-so': 'Luật Thi đua, khen thưởng 2022, Điều 23',
  'tap-the-lao-dong-tien-tien': 'Luật Thi đua, khen thưởng 2022, Điều 28',
  'tap-the-lao-dong-xuat-sac': 'Luật Thi đua, khen thưởng 2022, Điều 27',
};

/**
 * What the task rating of the year (a person's, or a collective's for the
 * collective titles, which need "Hoàn thành tốt nhiệm vụ", or "Hoàn thành
 * xuất sắc nhiệm vụ" for "Tập thể lao động xuất sắc") says of an annual title: "Lao động
 * tiên tiến" needs at least "Hoàn thành tốt nhiệm vụ"; "Chiến sĩ thi đua cơ
 * sở" is first a "Lao động tiên tiến", then "Hoàn thành xuất sắc nhiệm vụ" or
 * an initiative or research recognised in the year (`initiative`). No rating
 * recorded yet: the award waits for it. Other titles: nothing.
 */
export function titleRules(
  lawTitle: string | null,
  rating: TaskRating | null,
  year: number,
  initiative = false,
): RuleResult[] {
  const citation = lawTitle ? TITLE_CITATIONS[lawTitle] : undefined;
  if (!citation) return [];
  if (rating === null)
    return [
      {
        rule: 'LUAT-TDKT-XEP-LOAI',
        kind: 'HOLD',
        citation,
        message: `Chưa có kết quả đánh giá, xếp loại năm ${year}: chờ kết quả (${citation}).`,
      },
    ];
  if (rating === TaskRating.Done || rating === TaskRating.NotDone)
    return [
      {
        rule: 'LUAT-TDKT-XEP-LOAI',
        kind: 'REFUSE',
        citation,
        message: `Năm ${year} xếp loại "${TASK_RATING_LABELS[rating]}", cần từ "Hoàn thành tốt nhiệm vụ" trở lên (${citation}).`,
      },
    ];
  if (lawTitle === 'tap-the-lao-dong-xuat-sac' && rating !== TaskRating.Excellent)
    return [
      {
        rule: 'LUAT-TDKT-XEP-LOAI',
        kind: 'REFUSE',
        citation,
        message: `Năm ${year} xếp loại "${TASK_RATING_LABELS[rating]}", cần "Hoàn thành xuất sắc nhiệm vụ" (${citation}).`,
      },
    ];
  if (lawTitle === 'chien-si-thi-dua-co-so' && rating !== TaskRating.Excellent && !initiative)
    return [
      {
        rule: 'LUAT-TDKT-D23-SANG-KIEN',
        kind: 'REFUSE',
        citation,
        message: `Năm ${year} không "Hoàn thành xuất sắc nhiệm vụ" và chưa có sáng kiến, đề tài nghiên cứu được công nhận trong năm (${citation}).`,
      },
    ];
  return [];
}

/** An annual title already awarded: which, for which year, by which decision. */
export interface TitleAwarded {
  lawTitle: string;
  year: number;
  /** "Quyết định số 05/QĐ-UBND ngày 20/12/2026". */
  decision: string;
}

const ONE_ACHIEVEMENT = 'Luật Thi đua, khen thưởng 2022, Điều 5';

/**
 * One achievement, one form: an annual title is awarded once for a year; a
 * second "Lao động tiên tiến" (or any annual title) for the same year is
 * refused, naming the decision that gave the first.
 */
export function onceAYear(
  lawTitle: string | null,
  year: number,
  awarded: TitleAwarded[],
): RuleResult[] {
  if (!lawTitle || !TITLE_CITATIONS[lawTitle]) return [];
  const earlier = awarded.find((a) => a.lawTitle === lawTitle && a.year === year);
  if (!earlier) return [];
  return [
    {
      rule: 'LUAT-TDKT-D5-MOT-THANH-TICH',
      kind: 'REFUSE',
      citation: ONE_ACHIEVEMENT,
      message: `Đã được tặng danh hiệu này cho năm ${year} (${earlier.decision}); không khen thưởng hai lần cho một thành tích (${ONE_ACHIEVEMENT}).`,
    },
  ];
}

/**
 * The conditions a person must judge (ATTEST): the appraiser confirms each,
 * with a reason, on the appraisal page. They do not block a decision (the
 * law leaves them to the appraisal); the dossier and decision pages show those
 * not yet confirmed. Per title of the law and subject kind.
 */
const ATTEST_RULES: {
  lawTitle: string;
  kinds: string[];
  rule: string;
  citation: string;
  message: string;
}[] = [
  {
    lawTitle: 'lao-dong-tien-tien',
    kinds: ['individual'],
    rule: 'LUAT-TDKT-D24-TIEU-CHUAN',
    citation: 'Luật Thi đua, khen thưởng 2022, Điều 24',
    message:
      'Chấp hành tốt chủ trương, chính sách của Đảng, pháp luật của Nhà nước; có tinh thần tự lực, tự cường, đoàn kết, tương trợ, tích cực tham gia phong trào thi đua; tích cực học tập nâng cao trình độ; có đạo đức, lối sống lành mạnh.',
  },
  {
    lawTitle: 'chien-si-thi-dua-co-so',
    kinds: ['individual'],
    rule: 'LUAT-TDKT-D23-LDTT',
    citation: 'Luật Thi đua, khen thưởng 2022, Điều 23',
    message: 'Đạt tiêu chuẩn danh hiệu "Lao động tiên tiến" của năm xét tặng.',
  },
  {
    lawTitle: 'tap-the-lao-dong-tien-tien',
    kinds: ['collective'],
    rule: 'LUAT-TDKT-D28-TAP-THE',
    citation: 'Luật Thi đua, khen thưởng 2022, Điều 28',
    message:
      'Hoàn thành tốt nhiệm vụ và kế hoạch được giao; có trên 50% cá nhân đạt danh hiệu "Lao động tiên tiến"; không có cá nhân bị kỷ luật từ hình thức cảnh cáo trở lên; nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật.',
  },
  {
    lawTitle: 'giay-khen',
    kinds: ['individual', 'collective'],
    rule: 'LUAT-TDKT-D75-THANH-TICH',
    citation:
      'Luật Thi đua, khen thưởng 2022, Điều 75; tiêu chuẩn cụ thể do Ủy ban nhân dân cấp tỉnh quy định',
    message:
      'Có thành tích đạt tiêu chuẩn tặng Giấy khen theo quy định của tỉnh (thành tích được bình xét trong phong trào thi đua, hoặc thành tích đột xuất).',
  },
  {
    lawTitle: 'giay-khen',
    kinds: ['household'],
    rule: 'LUAT-TDKT-D75-HO-GIA-DINH',
    citation: 'Luật Thi đua, khen thưởng 2022, Điều 75',
    message:
      'Gương mẫu chấp hành chủ trương, chính sách của Đảng, pháp luật của Nhà nước; có đóng góp về công sức, đất đai, tài sản cho địa phương, xã hội.',
  },
];

/** The ATTEST rules of a nominee's title and subject kind, each with its citation. */
export function attestRules(lawTitle: string | null, kind: string): RuleResult[] {
  return ATTEST_RULES.filter((r) => r.lawTitle === lawTitle && r.kinds.includes(kind)).map(
    ({ rule, citation, message }) => ({ rule, kind: 'ATTEST' as const, citation, message }),
  );
}

const BANG_KHEN = 'Luật Thi đua, khen thưởng 2022, Điều 74';

/**
 * Rules over the years before the award (consecutive years): a person
 * proposed for the province's Bằng khen needs two consecutive years of
 * "Hoàn thành xuất sắc nhiệm vụ" up to the year considered. A WARN: the
 * province decides; Home Affairs sees it before forwarding.
 */
export function historyRules(
  lawTitle: string | null,
  kind: string,
  ratings: { year: number; rating: TaskRating }[],
  year: number,
): RuleResult[] {
  if (lawTitle !== 'bang-khen-tinh' || kind !== 'individual') return [];
  const of = (y: number) => ratings.find((r) => r.year === y)?.rating ?? null;
  const years = [year - 1, year];
  if (years.every((y) => of(y) === TaskRating.Excellent)) return [];
  const said = years
    .map((y) => `năm ${y}: ${of(y) ? `"${TASK_RATING_LABELS[of(y)!]}"` : 'chưa có xếp loại'}`)
    .join(', ');
  return [
    {
      rule: 'LUAT-TDKT-D74-HAI-NAM',
      kind: 'WARN',
      citation: BANG_KHEN,
      message: `Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh cần 02 năm liên tục "Hoàn thành xuất sắc nhiệm vụ" (${said}) (${BANG_KHEN}).`,
    },
  ];
}
