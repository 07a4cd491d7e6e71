import { CommendationKind, RecipientKind } from '../awards/award-form.entity';
import type { AwardRecordLine } from '../decisions/award-record.service';
import type { DraftBlock, DraftDocument } from '../documents/draft-document';
import { CriterionType } from '../movements/movement.entity';

/** What the system knows of a dossier, gathered by DraftsService for both kinds of draft. */
export interface DossierFacts {
  authority: { name: string; placeName: string };
  unit: { name: string; issuingBody: string; numberSuffix: string };
  dossier: { title: string; commendationKind: CommendationKind };
  /** The movement and round the dossier answers, when it answers one. */
  movement: { title: string; roundName: string | null } | null;
  /** "Căn cứ …;" lines, as the decision will print them. */
  legalBases: string[];
  /** The unit's own result in the round, when it reported. */
  unitResult: { overall: string; score: number | null } | null;
  nominees: NomineeFacts[];
}

export interface NomineeFacts {
  kind: RecipientKind;
  name: string;
  /** A person's position, a household's address: what the list prints beside the name. */
  detail: string;
  unitName: string;
  formName: string;
  achievement: string;
}

export interface PersonFacts {
  gender: string;
  birthYear: number;
  position: string;
  ratings: { year: number; label: string }[];
  initiatives: { year: string; title: string; level: string; reference: string }[];
}

/** An indicator of the collective's report: the criterion, its target, the value reported, the result. */
export interface IndicatorFacts {
  text: string;
  type: CriterionType;
  threshold: number | null;
  number: number | null;
  achieved: boolean | null;
  statement: string;
  result: string;
}

/** What the unit writes by hand where the system knows nothing: a dotted stretch. */
const DOTS = '.'.repeat(50);

const upperVi = (s: string) => s.toLocaleUpperCase('vi');

const KIND_ORDER = [RecipientKind.Individual, RecipientKind.Collective, RecipientKind.Household];
const KIND_GROUPS: Record<RecipientKind, string> = {
  [RecipientKind.Individual]: 'cá nhân',
  [RecipientKind.Collective]: 'tập thể',
  [RecipientKind.Household]: 'hộ gia đình',
};
const ROMAN = ['I', 'II', 'III'];
const NAME_COLUMN: Record<RecipientKind, string> = {
  [RecipientKind.Individual]: 'Họ và tên',
  [RecipientKind.Collective]: 'Tên tập thể',
  [RecipientKind.Household]: 'Hộ gia đình',
};

/** "Giấy khen của Chủ tịch … (tập thể)": the catalogue's note of whom the form is for is not the award's name. */
const awardName = (formName: string) =>
  formName.replace(/\s*\((cá nhân|tập thể|hộ gia đình)\)\s*$/i, '');

/** "02 tập thể, 05 cá nhân và 01 hộ gia đình". */
function counted(nominees: NomineeFacts[]): string {
  const parts = KIND_ORDER.flatMap((k) => {
    const n = nominees.filter((x) => x.kind === k).length;
    return n ? [`${String(n).padStart(2, '0')} ${KIND_GROUPS[k]}`] : [];
  });
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} và ${parts.at(-1)}` : parts[0];
}

/** "Về việc đề nghị tặng Giấy khen năm 2026" from the dossier's title, however it was typed. */
function regarding(title: string): string {
  const t = title.trim();
  return `Về việc ${t.charAt(0).toLocaleLowerCase('vi')}${t.slice(1)}`;
}

function inMovement(movement: DossierFacts['movement']): string {
  if (!movement) return '';
  return ` trong phong trào thi đua "${movement.title}"${movement.roundName ? ` (${movement.roundName})` : ''}`;
}

/**
 * The cover note (tờ trình đề nghị khen thưởng) a unit sends with its
 * dossier, in the Nghị định 30/2020 layout: the bases the decision will cite,
 * the movement, the unit's result, and the list of nominees grouped as the
 * decision's annex groups them (cá nhân, tập thể, hộ gia đình).
 */
export function coverNote(f: DossierFacts): DraftDocument {
  const blocks: DraftBlock[] = [
    ...f.legalBases.map((text) => ({ kind: 'paragraph' as const, text })),
    ...(f.movement
      ? [
          {
            kind: 'paragraph' as const,
            text: `Thực hiện phong trào thi đua "${f.movement.title}"${f.movement.roundName ? `, ${f.movement.roundName}` : ''};`,
          },
        ]
      : []),
    {
      kind: 'paragraph',
      text: `Căn cứ kết quả họp xét thi đua, khen thưởng của ${f.unit.name} ngày ..... tháng ..... năm .......;`,
    },
  ];
  if (f.unitResult)
    blocks.push({
      kind: 'paragraph',
      text: `Kết quả thực hiện các tiêu chí thi đua của ${f.unit.name} trong đợt: ${f.unitResult.overall}${f.unitResult.score !== null ? `, ${f.unitResult.score} điểm` : ''}.`,
    });
  blocks.push({
    kind: 'paragraph',
    text: f.nominees.length
      ? `${f.unit.name} kính trình Chủ tịch ${f.authority.name} xem xét, khen thưởng cho ${counted(f.nominees)} đã có thành tích xuất sắc${inMovement(f.movement)}, cụ thể như sau:`
      : `${f.unit.name} kính trình Chủ tịch ${f.authority.name} xem xét, khen thưởng cho các tập thể, cá nhân sau:`,
  });
  const groups = KIND_ORDER.filter((k) => f.nominees.some((n) => n.kind === k));
  groups.forEach((kind, i) => {
    const rows = f.nominees.filter((n) => n.kind === kind);
    blocks.push({
      kind: 'heading',
      text: `${ROMAN[i]}. ${upperVi(KIND_GROUPS[kind].charAt(0))}${KIND_GROUPS[kind].slice(1)} (${rows.length})`,
    });
    // A person's position and unit beside the name; a collective's or household's name says it all.
    const person = kind === RecipientKind.Individual;
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'TT', width: 6 },
        { title: NAME_COLUMN[kind], width: person ? 22 : 36 },
        ...(person ? [{ title: 'Chức vụ, đơn vị', width: 22 }] : []),
        { title: 'Hình thức đề nghị', width: person ? 20 : 25 },
        { title: 'Tóm tắt thành tích', width: person ? 30 : 33 },
      ],
      rows: rows.map((n, j) => [
        String(j + 1),
        n.name,
        ...(person ? [[n.detail, n.unitName].filter(Boolean).join(', ')] : []),
        n.formName,
        n.achievement,
      ]),
    });
  });
  if (!f.nominees.length) blocks.push({ kind: 'blank', lines: 4 });
  blocks.push(
    {
      kind: 'paragraph',
      italic: true,
      text: '(Kèm theo báo cáo thành tích của từng tập thể, cá nhân và biên bản họp xét thi đua, khen thưởng của đơn vị.)',
    },
    {
      kind: 'paragraph',
      text: `Kính trình Chủ tịch ${f.authority.name} xem xét, quyết định./.`,
    },
  );
  return {
    issuingBody: f.unit.issuingBody,
    organisation: upperVi(f.unit.name),
    numberSuffix: `TTr-${f.unit.numberSuffix}`,
    placeName: f.authority.placeName,
    title: 'TỜ TRÌNH',
    subtitle: [regarding(f.dossier.title)],
    addressee: `Kính gửi: Chủ tịch ${f.authority.name} (qua Phòng Nội vụ).`,
    blocks,
    recipients: ['Như trên;', 'Lưu: VT.'],
    signers: [{ title: 'THỦ TRƯỞNG ĐƠN VỊ', note: '(Ký, ghi rõ họ tên, đóng dấu)', name: '' }],
  };
}

/** The nominee's achievement as the unit summarised it, as a sentence. */
const sentence = (text: string): DraftBlock => ({
  kind: 'paragraph',
  text: /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`,
});

const field = (label: string, value: string): DraftBlock => ({
  kind: 'paragraph',
  label: `${label}: `,
  text: value || DOTS,
});

/** "≥ 80%" / "Có" / ...: the criterion's target as the movement set it. */
function target(i: IndicatorFacts): string {
  switch (i.type) {
    case CriterionType.Percentage:
      return i.threshold === null ? '' : `≥ ${i.threshold}%`;
    case CriterionType.Count:
      return i.threshold === null ? '' : `≥ ${i.threshold}`;
    case CriterionType.Boolean:
      return 'Có';
    case CriterionType.Qualitative:
      return 'Đánh giá theo minh chứng';
  }
}

function reported(i: IndicatorFacts): string {
  switch (i.type) {
    case CriterionType.Percentage:
      return i.number === null ? '' : `${i.number}%`;
    case CriterionType.Count:
      return i.number === null ? '' : String(i.number);
    case CriterionType.Boolean:
      return i.achieved === null ? '' : i.achieved ? 'Có' : 'Không';
    case CriterionType.Qualitative:
      return i.statement;
  }
}

function earlierAwards(lines: AwardRecordLine[]): DraftBlock[] {
  const standing = lines.filter((l) => l.standing);
  if (!standing.length)
    return [
      { kind: 'paragraph', text: 'Chưa có khen thưởng nào được ghi nhận trong hệ thống.' },
      { kind: 'blank', lines: 2 },
    ];
  return [
    {
      kind: 'table',
      columns: [
        { title: 'Năm', width: 10 },
        { title: 'Danh hiệu thi đua, hình thức khen thưởng', width: 34 },
        { title: 'Số, ngày quyết định', width: 26 },
        { title: 'Cơ quan ban hành', width: 30 },
      ],
      rows: standing.map((l) => [
        String(l.year),
        l.formName,
        `${l.decisionNumber} ngày ${l.decisionDate.split('-').reverse().join('/')}`,
        l.decidedBy,
      ]),
    },
  ];
}

/**
 * The achievement report (báo cáo thành tích) of one nominee, the form of its
 * kind (cá nhân, tập thể, hộ gia đình) with what the system knows filled in
 * and dotted room for the rest; the short form for thematic and ad hoc awards.
 */
export function achievementReport(
  f: DossierFacts,
  n: NomineeFacts,
  extra: { person: PersonFacts | null; indicators: IndicatorFacts[]; awards: AwardRecordLine[] },
): DraftDocument {
  const short = [CommendationKind.Thematic, CommendationKind.AdHoc].includes(
    f.dossier.commendationKind,
  );
  const blocks: DraftBlock[] = [];
  const p = extra.person;
  if (n.kind === RecipientKind.Individual) {
    blocks.push(
      { kind: 'heading', text: 'I. SƠ LƯỢC LÝ LỊCH' },
      field('- Họ và tên', `${n.name}${p ? `; giới tính: ${p.gender}` : ''}`),
      field('- Năm sinh', p ? String(p.birthYear) : ''),
      ...(short ? [] : [field('- Quê quán', ''), field('- Trú quán', '')]),
      field('- Đơn vị công tác', n.unitName),
      field('- Chức vụ (Đảng, chính quyền, đoàn thể)', p?.position ?? ''),
      ...(short
        ? []
        : [
            field('- Trình độ chuyên môn, nghiệp vụ', ''),
            field('- Học hàm, học vị, danh hiệu, giải thưởng', ''),
          ]),
      { kind: 'heading', text: 'II. THÀNH TÍCH ĐẠT ĐƯỢC' },
    );
    if (!short)
      blocks.push(
        { kind: 'paragraph', text: '1. Quyền hạn, nhiệm vụ được giao hoặc đảm nhận:' },
        { kind: 'blank', lines: 3 },
        { kind: 'paragraph', text: '2. Thành tích đạt được của cá nhân:' },
      );
    blocks.push(sentence(n.achievement), { kind: 'blank', lines: short ? 3 : 5 });
    if (p?.ratings.length)
      blocks.push({
        kind: 'paragraph',
        text: `Kết quả đánh giá, xếp loại: ${p.ratings.map((r) => `năm ${r.year}: ${r.label}`).join('; ')}.`,
      });
    if (p?.initiatives.length)
      blocks.push(
        { kind: 'paragraph', text: 'Sáng kiến, đề tài, giải pháp đã được công nhận:' },
        {
          kind: 'table',
          columns: [
            { title: 'Năm', width: 10 },
            { title: 'Tên sáng kiến, đề tài', width: 45 },
            { title: 'Phạm vi ảnh hưởng', width: 20 },
            { title: 'Văn bản công nhận', width: 25 },
          ],
          rows: p.initiatives.map((x) => [x.year, x.title, x.level, x.reference]),
        },
      );
  } else if (n.kind === RecipientKind.Collective) {
    blocks.push(
      field('Tên tập thể đề nghị', n.name),
      { kind: 'heading', text: 'I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH' },
      ...(short
        ? [{ kind: 'blank' as const, lines: 2 }]
        : [
            field('1. Địa điểm trụ sở chính, điện thoại', ''),
            { kind: 'paragraph' as const, text: '2. Quá trình thành lập và phát triển:' },
            { kind: 'blank' as const, lines: 2 },
            {
              kind: 'paragraph' as const,
              text: '3. Cơ cấu tổ chức, tổng số cán bộ, công chức, viên chức, người lao động; tổ chức Đảng, đoàn thể:',
            },
            { kind: 'blank' as const, lines: 2 },
          ]),
      { kind: 'heading', text: 'II. THÀNH TÍCH ĐẠT ĐƯỢC' },
      {
        kind: 'paragraph',
        text: `1. Kết quả thực hiện các tiêu chí${inMovement(f.movement)}:`,
      },
    );
    if (extra.indicators.length)
      blocks.push({
        kind: 'table',
        columns: [
          { title: 'TT', width: 6 },
          { title: 'Tiêu chí', width: 40 },
          { title: 'Chỉ tiêu', width: 16 },
          { title: 'Kết quả của đơn vị', width: 22 },
          { title: 'Đánh giá', width: 16 },
        ],
        rows: extra.indicators.map((i, j) => [
          String(j + 1),
          i.text,
          target(i),
          reported(i),
          i.result,
        ]),
      });
    else
      blocks.push({
        kind: 'paragraph',
        text: 'Đơn vị chưa có báo cáo kết quả thực hiện tiêu chí trong đợt.',
      });
    blocks.push(sentence(n.achievement), { kind: 'blank', lines: 3 });
    if (!short)
      blocks.push(
        {
          kind: 'paragraph',
          text: '2. Những biện pháp, giải pháp trong đổi mới công tác quản lý, phát huy sáng kiến, ứng dụng khoa học, công nghệ:',
        },
        { kind: 'blank', lines: 3 },
        {
          kind: 'paragraph',
          text: '3. Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước:',
        },
        { kind: 'blank', lines: 2 },
      );
  } else {
    blocks.push(
      field('Hộ gia đình (chủ hộ, địa chỉ)', n.detail || n.name),
      { kind: 'heading', text: 'I. SƠ LƯỢC VỀ HỘ GIA ĐÌNH' },
      field('- Số nhân khẩu', ''),
      field('- Ngành nghề sản xuất, kinh doanh chính', ''),
      { kind: 'heading', text: 'II. THÀNH TÍCH ĐẠT ĐƯỢC' },
      sentence(n.achievement),
      { kind: 'blank', lines: 4 },
    );
  }
  if (!short)
    blocks.push(
      { kind: 'heading', text: 'III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG' },
      ...earlierAwards(extra.awards),
    );
  const signers = {
    [RecipientKind.Individual]: [
      { title: 'THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN, ĐỀ NGHỊ', note: '(Ký, đóng dấu)', name: '' },
      { title: 'NGƯỜI BÁO CÁO THÀNH TÍCH', note: '(Ký, ghi rõ họ và tên)', name: n.name },
    ],
    [RecipientKind.Collective]: [
      { title: 'XÁC NHẬN CỦA CẤP TRÊN TRỰC TIẾP', note: '(Ký, đóng dấu)', name: '' },
      { title: 'THỦ TRƯỞNG ĐƠN VỊ', note: '(Ký, đóng dấu)', name: '' },
    ],
    [RecipientKind.Household]: [
      { title: 'XÁC NHẬN CỦA ỦY BAN NHÂN DÂN CẤP XÃ', note: '(Ký, đóng dấu)', name: '' },
      { title: 'CHỦ HỘ', note: '(Ký, ghi rõ họ và tên)', name: '' },
    ],
  }[n.kind];
  return {
    issuingBody: f.unit.issuingBody,
    organisation: upperVi(f.unit.name),
    numberSuffix: null,
    placeName: f.authority.placeName,
    title: short ? 'BÁO CÁO TÓM TẮT THÀNH TÍCH' : 'BÁO CÁO THÀNH TÍCH',
    subtitle: [
      `ĐỀ NGHỊ TẶNG ${upperVi(awardName(n.formName))}`,
      ...(short
        ? [
            f.dossier.commendationKind === CommendationKind.AdHoc
              ? '(Khen thưởng đột xuất)'
              : '(Khen thưởng theo đợt, chuyên đề)',
          ]
        : []),
    ],
    addressee: null,
    blocks,
    recipients: [],
    signers,
  };
}
