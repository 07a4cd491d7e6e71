import { CriterionType, Phase, RoundKind, SubjectKind } from '../movements/movement.entity';

export interface DemoCriterion {
  code: string;
  text: string;
  type: CriterionType;
  threshold: number | null;
  mandatory: boolean;
  weight: number;
}

export interface DemoMovement {
  authority: string;
  title: string;
  legalBases: string[];
  contentAreas: string[];
  phases: Phase[];
  launched: boolean;
  launchDate: string | null;
  registrationDeadline: string;
  rounds: {
    kind: RoundKind;
    name: string;
    periodStart: string;
    periodEnd: string;
    reportDeadline: string;
    nominationDeadline: string;
  }[];
  criteria: Partial<Record<SubjectKind, DemoCriterion[]>>;
  /** Units (by code) registered; the others show up as "not registered yet". */
  registered: string[];
  pilots: string[];
}

const pct = (code: string, threshold: number, text: string): DemoCriterion => ({
  code,
  text,
  type: CriterionType.Percentage,
  threshold,
  mandatory: true,
  weight: 1,
});
const judged = (code: string, text: string, mandatory = true): DemoCriterion => ({
  code,
  text,
  type: CriterionType.Qualitative,
  threshold: null,
  mandatory,
  weight: 1,
});

const annual = (year: number) => ({
  kind: RoundKind.Annual,
  name: `Năm ${year}`,
  periodStart: `${year}-01-01`,
  periodEnd: `${year}-12-31`,
  reportDeadline: `${year}-12-15`,
  nominationDeadline: `${year}-12-31`,
});

/**
 * Seed 001: Kế hoạch triển khai phong trào thi đua "Chuyển đổi số giai đoạn
 * 2021-2025" trên địa bàn huyện Tứ Kỳ. The criteria are section IV.1, word for
 * word (the plan's line breaks joined). The plan gives the launch as "quý IV
 * năm 2021": launch date 01/10/2021 and registration deadline 31/12/2021.
 */
export const SEED_MOVEMENT: DemoMovement = {
  authority: 'tu-ky',
  title: 'Chuyển đổi số giai đoạn 2021-2025',
  legalBases: [
    'Kế hoạch số 3125/KH-UBND ngày 25/8/2021 của Ủy ban nhân dân tỉnh Hải Dương về triển khai phong trào thi đua "Chuyển đổi số giai đoạn 2021-2025"',
    'Nghị quyết số 06-NQ/TU ngày 26/3/2021 của Ban Chấp hành Đảng bộ tỉnh Hải Dương về chuyển đổi số giai đoạn 2021 - 2025 và định hướng đến năm 2030',
  ],
  contentAreas: [
    'Tăng cường sự lãnh đạo của các cấp ủy, chính quyền, phát huy vai trò của Mặt trận Tổ quốc và các tổ chức chính trị - xã hội về chuyển đổi số',
    'Xây dựng cơ chế khuyến khích các cơ quan, đơn vị, doanh nghiệp, hộ sản xuất, kinh doanh, người dân,... áp dụng công nghệ mới, sản phẩm mới, dịch vụ mới, mô hình mới trong hoạt động',
    'Ưu tiên chuyển đổi số trong hoạt động của các cơ quan nhà nước, phát triển chính quyền số',
    'Phát triển doanh nghiệp công nghệ số; thúc đẩy chuyển đổi số trong doanh nghiệp để nâng cao năng lực cạnh tranh',
    'Xây dựng và tạo lập dữ liệu mở phục vụ người dân, doanh nghiệp khai thác, truy cập, sử dụng',
    'Đảm bảo an toàn, an ninh mạng',
    'Đẩy mạnh hợp tác, phát triển và đổi mới sáng tạo trong môi trường số',
    'Chú trọng ưu tiên, đẩy mạnh thi đua chuyển đổi số ở một số lĩnh vực',
  ],
  phases: [
    { name: 'Giai đoạn 1', startYear: 2021, endYear: 2025 },
    { name: 'Giai đoạn 2', startYear: 2026, endYear: 2030 },
  ],
  launched: true,
  launchDate: '2021-10-01',
  registrationDeadline: '2021-12-31',
  rounds: [
    annual(2022),
    annual(2023),
    {
      kind: RoundKind.Preliminary,
      name: 'Sơ kết giai đoạn 2021-2025',
      periodStart: '2021-10-01',
      periodEnd: '2023-12-31',
      reportDeadline: '2023-12-15',
      nominationDeadline: '2023-12-31',
    },
    annual(2024),
    annual(2025),
    {
      kind: RoundKind.Final,
      name: 'Tổng kết giai đoạn 2021-2025',
      periodStart: '2021-10-01',
      periodEnd: '2025-12-31',
      reportDeadline: '2025-12-15',
      nominationDeadline: '2025-12-31',
    },
    annual(2026),
    {
      kind: RoundKind.Final,
      name: 'Tổng kết giai đoạn 2026-2030',
      periodStart: '2026-01-01',
      periodEnd: '2030-12-31',
      reportDeadline: '2030-12-15',
      nominationDeadline: '2030-12-31',
    },
  ],
  criteria: {
    [SubjectKind.District]: [
      pct(
        'H1',
        80,
        '80% hồ sơ công việc tại cấp huyện được xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc phạm vi bí mật nhà nước).',
      ),
      pct(
        'H2',
        100,
        '100% chế độ báo cáo định kỳ và văn bản hành chính (trừ văn bản Mật) được gửi nhận bằng văn bản điện tử.',
      ),
      pct(
        'H3',
        100,
        '100% báo cáo định kỳ về chỉ tiêu phát triển kinh tế - xã hội được thực hiện trên hệ thống phần mềm báo cáo của tỉnh, kết nối với Hệ thống thông tin báo cáo Chính phủ.',
      ),
    ],
    [SubjectKind.Commune]: [
      pct(
        'X1',
        70,
        '70% hồ sơ công việc tại cấp xã được xử lý trên môi trường mạng (trừ hồ sơ công việc thuộc phạm vi bí mật nhà nước).',
      ),
      pct(
        'X2',
        100,
        '100% chế độ báo cáo định kỳ và văn bản hành chính (trừ văn bản Mật) được gửi nhận bằng văn bản điện tử.',
      ),
      pct(
        'X3',
        100,
        '100% báo cáo định kỳ về chỉ tiêu phát triển kinh tế - xã hội được thực hiện trên hệ thống phần mềm báo cáo của tỉnh, kết nối với Hệ thống thông tin báo cáo Chính phủ.',
      ),
    ],
    [SubjectKind.Enterprise]: [
      judged(
        'DN1',
        'Thực hiện ứng dụng công nghệ số để tạo ra các sản phẩm, dịch vụ mới trong các ngành, lĩnh vực kinh tế - xã hội.',
      ),
    ],
    [SubjectKind.Individual]: [
      judged(
        'CN1',
        'Cán bộ, công chức, viên chức, người lao động có sáng kiến, giải pháp hữu ích trong việc xây dựng, ban hành hoặc trình cấp có thẩm quyền ban hành, tổ chức thực hiện, kiểm tra việc thực hiện cơ chế, chính sách, hướng dẫn để tạo điều kiện thuận lợi cho quá trình chuyển đổi số và phát triển các sản phẩm, dịch vụ, mô hình kinh doanh mới dựa trên công nghệ số, Internet và không gian mạng.',
        false,
      ),
      judged(
        'CN2',
        'Đối tượng khác (doanh nhân, trí thức, nhà khoa học, các cá nhân,...) có nhiều đóng góp về công sức, trí tuệ, vật chất, sáng kiến vào chuyển đổi số của huyện.',
        false,
      ),
    ],
  },
  registered: [
    'P-NOIVU',
    'P-VHTT',
    'P-TCKH',
    'P-NNPTNT',
    'P-KTHT',
    'P-GDDT',
    'P-TNMT',
    'VP-HDND-UBND',
    'TT-TUKY',
    'XA-HUNGDAO',
    'XA-DAISON',
    'XA-QUANGPHUC',
    'XA-NGUYENGIAP',
    'XA-HAKY',
    'XA-TIENDONG',
    'XA-CHIMINH',
    'XA-MINHDUC',
    'DN-CNS-TK',
  ],
  pilots: ['XA-HUNGDAO', 'TT-TUKY'],
};

/** Tân Hồng (Đồng Tháp): a draft for phase 2, targets from its digital transformation plan (seed 004). */
export const SECOND_MOVEMENT: DemoMovement = {
  authority: 'tan-hong',
  title: 'Thi đua thực hiện chuyển đổi số giai đoạn 2026-2030',
  legalBases: [
    'Nghị quyết số 04-NQ/TU ngày 31/12/2021 của Ban Chấp hành Đảng bộ tỉnh Đồng Tháp về chuyển đổi số giai đoạn 2021-2025, định hướng đến năm 2030',
  ],
  contentAreas: ['Chính quyền số', 'Kinh tế số', 'Xã hội số'],
  phases: [{ name: 'Giai đoạn 2026-2030', startYear: 2026, endYear: 2030 }],
  launched: false,
  launchDate: null,
  registrationDeadline: '2027-03-31',
  rounds: [annual(2027)],
  criteria: {
    [SubjectKind.Commune]: [
      pct(
        'X1',
        100,
        '100% thủ tục hành chính có đủ điều kiện được cung cấp dưới dạng dịch vụ công trực tuyến mức độ 4.',
      ),
      pct('X2', 100, '100% văn bản được trao đổi qua môi trường mạng (trừ văn bản mật).'),
      pct('X3', 80, 'Trên 80% hộ gia đình có kết nối Internet băng rộng cố định.'),
    ],
  },
  registered: [],
  pilots: [],
};

/**
 * The demo commune created by the 2025 reform: its 2026 round, run under
 * Nghị định 152/2025/NĐ-CP, on the seed plan's criteria for agencies,
 * enterprises and persons (the commune's own plan is demo data).
 */
export const COMMUNE_MOVEMENT: DemoMovement = {
  authority: 'thinh-an',
  title: 'Thi đua thực hiện chuyển đổi số năm 2026',
  legalBases: [
    'Kế hoạch số 15/KH-UBND ngày 15/01/2026 của Ủy ban nhân dân xã Thịnh An về phong trào thi đua thực hiện chuyển đổi số năm 2026 (dữ liệu mẫu)',
  ],
  contentAreas: ['Chính quyền số', 'Kinh tế số', 'Xã hội số'],
  phases: [{ name: 'Năm 2026', startYear: 2026, endYear: 2026 }],
  launched: true,
  launchDate: '2026-01-15',
  registrationDeadline: '2026-02-28',
  rounds: [annual(2026)],
  criteria: {
    [SubjectKind.District]: [
      pct('A1', 100, '100% văn bản đi, đến được trao đổi trên môi trường mạng (trừ văn bản mật).'),
      pct('A2', 90, 'Trên 90% hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình.'),
      judged('A3', 'Không để xảy ra sự cố mất an toàn thông tin mạng trong năm.'),
    ],
    [SubjectKind.Enterprise]: SEED_MOVEMENT.criteria[SubjectKind.Enterprise],
    [SubjectKind.Individual]: SEED_MOVEMENT.criteria[SubjectKind.Individual],
  },
  registered: ['P-VHXH', 'TT-PVHCC', 'THCS-THINHAN', 'TYT', 'HTX-THINHAN'],
  pilots: ['TT-PVHCC'],
};

export const DEMO_MOVEMENTS = [SEED_MOVEMENT, SECOND_MOVEMENT, COMMUNE_MOVEMENT];
