import { CommendationKind, DecidedBy, Procedure, RecipientKind } from '../awards/award-form.entity';

const { Individual, Collective, Household } = RecipientKind;
const { Annual, Thematic, AdHoc, Dedication } = CommendationKind;

/**
 * The award forms of a district chairman before the 2025 reform, or of a
 * commune chairman after it (Luật Thi đua, khen thưởng 2022, Điều 80; Nghị
 * định 129/2025/NĐ-CP, Điều 59), and one form of the level above. Multiples
 * follow Nghị định 152/2025/NĐ-CP; vote rules, procedures and quotas are
 * examples an admin edits. `level`: "huyện" or "xã", as the forms name the
 * chairman; `province`: "tỉnh" or "thành phố".
 */
export const demoAwardForms = (level: string, province: string) => [
  {
    code: 'GK-CN',
    lawTitle: 'giay-khen',
    name: `Giấy khen của Chủ tịch Ủy ban nhân dân ${level} (cá nhân)`,
    recipientKinds: [Individual],
    commendationKinds: [Annual, Thematic, AdHoc, Dedication],
    decidedBy: DecidedBy.ThisAuthority,
    voteRequired: false,
    voteQuorum: null,
    voteApproval: null,
    procedure: Procedure.Full,
    // Giấy khen, a person: 0,3 × the base salary (NĐ 152/2025/NĐ-CP, Điều 50-54).
    moneyMultiplier: 0.3,
    quotaPerUnit: null,
  },
  {
    code: 'GK-TT',
    lawTitle: 'giay-khen',
    name: `Giấy khen của Chủ tịch Ủy ban nhân dân ${level} (tập thể)`,
    recipientKinds: [Collective],
    commendationKinds: [Annual, Thematic, AdHoc],
    decidedBy: DecidedBy.ThisAuthority,
    voteRequired: false,
    voteQuorum: null,
    voteApproval: null,
    procedure: Procedure.Full,
    // Giấy khen, a collective: 0,6 × the base salary (NĐ 152/2025/NĐ-CP, Điều 50-54).
    moneyMultiplier: 0.6,
    quotaPerUnit: null,
  },
  {
    code: 'GK-HGD',
    lawTitle: 'giay-khen',
    name: `Giấy khen của Chủ tịch Ủy ban nhân dân ${level} (hộ gia đình)`,
    recipientKinds: [Household],
    commendationKinds: [Annual, Thematic, AdHoc],
    decidedBy: DecidedBy.ThisAuthority,
    voteRequired: false,
    voteQuorum: null,
    voteApproval: null,
    procedure: Procedure.Simplified,
    // Giấy khen, a household: as a person, 0,3 (to be confirmed against NĐ 152/2025/NĐ-CP).
    moneyMultiplier: 0.3,
    quotaPerUnit: null,
  },
  {
    code: 'LDTT',
    lawTitle: 'lao-dong-tien-tien',
    name: 'Danh hiệu "Lao động tiên tiến"',
    recipientKinds: [Individual],
    commendationKinds: [Annual],
    decidedBy: DecidedBy.ThisAuthority,
    voteRequired: false,
    voteQuorum: null,
    voteApproval: null,
    procedure: Procedure.Simplified,
    moneyMultiplier: 0.3,
    quotaPerUnit: null,
  },
  {
    code: 'CSTDCS',
    lawTitle: 'chien-si-thi-dua-co-so',
    name: 'Danh hiệu "Chiến sĩ thi đua cơ sở"',
    recipientKinds: [Individual],
    commendationKinds: [Annual],
    decidedBy: DecidedBy.ThisAuthority,
    voteRequired: true,
    voteQuorum: 0.667,
    voteApproval: 0.667,
    procedure: Procedure.Full,
    moneyMultiplier: 1,
    quotaPerUnit: 3,
    quotaCitation: `Hướng dẫn số 01/HD-HĐTĐKT ngày 15/01/2026 của Hội đồng Thi đua - Khen thưởng ${level} (dữ liệu mẫu)`,
  },
  {
    code: 'TTLDTT',
    lawTitle: 'tap-the-lao-dong-tien-tien',
    name: 'Danh hiệu "Tập thể lao động tiên tiến"',
    recipientKinds: [Collective],
    commendationKinds: [Annual],
    decidedBy: DecidedBy.ThisAuthority,
    voteRequired: false,
    voteQuorum: null,
    voteApproval: null,
    procedure: Procedure.Full,
    moneyMultiplier: 0.8,
    quotaPerUnit: null,
  },
  {
    code: 'BK-CTT',
    lawTitle: 'bang-khen-tinh',
    name: `Bằng khen của Chủ tịch Ủy ban nhân dân ${province}`,
    recipientKinds: [Individual, Collective],
    commendationKinds: [Annual, Thematic, AdHoc],
    decidedBy: DecidedBy.HigherLevel,
    voteRequired: true,
    voteQuorum: 0.667,
    voteApproval: 0.667,
    procedure: Procedure.Full,
    moneyMultiplier: 1,
    quotaPerUnit: 2,
    quotaCitation: `Hướng dẫn số 01/HD-HĐTĐKT ngày 15/01/2026 của Hội đồng Thi đua - Khen thưởng ${level} (dữ liệu mẫu)`,
  },
];

/** Lương cơ sở (Nghị định 38/2019, 24/2023, 73/2024). */
export const DEMO_BASE_SALARIES = [
  { amount: 1490000, effectiveFrom: '2019-07-01' },
  { amount: 1800000, effectiveFrom: '2023-07-01' },
  { amount: 2340000, effectiveFrom: '2024-07-01' },
];

function range(from: string, to: string, name: string): { date: string; name: string }[] {
  const days: { date: string; name: string }[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    days.push({ date: d.toISOString().slice(0, 10), name });
  }
  return days;
}

/** Public holidays as announced for 2025-2026; 2027 as expected (to confirm when announced). */
export const DEMO_HOLIDAYS = [
  { date: '2025-01-01', name: 'Tết Dương lịch' },
  ...range('2025-01-25', '2025-02-02', 'Tết Nguyên đán Ất Tỵ'),
  { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2025-04-30', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2025-05-01', name: 'Ngày Quốc tế Lao động' },
  { date: '2025-09-01', name: 'Quốc khánh' },
  { date: '2025-09-02', name: 'Quốc khánh' },
  { date: '2026-01-01', name: 'Tết Dương lịch' },
  ...range('2026-02-14', '2026-02-22', 'Tết Nguyên đán Bính Ngọ'),
  { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
  { date: '2026-09-01', name: 'Quốc khánh' },
  { date: '2026-09-02', name: 'Quốc khánh' },
  { date: '2027-01-01', name: 'Tết Dương lịch' },
  ...range('2027-02-05', '2027-02-09', 'Tết Nguyên đán Đinh Mùi (dự kiến)'),
  { date: '2027-04-16', name: 'Giỗ Tổ Hùng Vương (dự kiến)' },
  { date: '2027-04-30', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { date: '2027-05-01', name: 'Ngày Quốc tế Lao động' },
  { date: '2027-09-02', name: 'Quốc khánh' },
];
