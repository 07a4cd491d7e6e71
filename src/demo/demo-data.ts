import { Role } from '../access/roles';
import { Gender } from '../people/person.entity';
import { UnitKind } from '../units/unit.entity';
import type { ProvincialText } from '../law/legal-texts';

/**
 * Demo data: two district authorities of before the 2025 reform (their life
 * ends on 30/06/2025; Tứ Kỳ's powers pass to a demo commune) and one commune
 * authority created by the reform, plainly named as demo data, that runs the
 * 2026 round under Nghị định 152/2025/NĐ-CP. Several authorities, so that
 * isolation between them can be seen.
 */
export interface DemoAuthority {
  code: string;
  name: string;
  level: 'district' | 'commune';
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  /** The province's texts on emulation and commendation (demo examples, named as such). */
  provincialTexts: ProvincialText[];
  /** Who proposes and who executes, as a decision names them (the defaults are a district's). */
  proposerTitle?: string;
  executors?: string;
  /** Publicity switched on: its public pages list nominees for opinion and its decisions. */
  publishNominees?: boolean;
  publishDecisions?: boolean;
  placeName: string;
  provinceName: string;
  issuingBody: string;
  chairmanTitle: string;
  units: { code: string; name: string; kind: UnitKind; parent?: string }[];
  people: { unit: string; fullName: string; gender: Gender; birthYear: number; position: string }[];
  /** `person`: the full name of the user's own person record (council members recuse on their unit). */
  users: { username: string; fullName: string; role: Role; unit?: string; person?: string }[];
}

/** The last day of district-level authorities (two-level local government from 01/07/2025). */
const REFORM_EVE = '2025-06-30';

const D = UnitKind.Department;
const O = UnitKind.OtherAgency;
const C = UnitKind.Commune;
const E = UnitKind.Enterprise;
const M = UnitKind.MassOrganisation;
const F = Gender.Female;
const Ma = Gender.Male;

export const DEMO_AUTHORITIES: DemoAuthority[] = [
  {
    code: 'tu-ky',
    name: 'Ủy ban nhân dân huyện Tứ Kỳ',
    level: 'district',
    validFrom: null,
    validTo: REFORM_EVE,
    successorCode: 'thinh-an',
    provincialTexts: [
      {
        basis:
          'Quyết định số 20/2024/QĐ-UBND ngày 10 tháng 5 năm 2024 của Ủy ban nhân dân tỉnh Hải Dương ban hành Quy chế công tác thi đua, khen thưởng (dữ liệu mẫu)',
        from: '2024-05-20',
        to: REFORM_EVE,
      },
    ],
    placeName: 'Tứ Kỳ',
    provinceName: 'tỉnh Hải Dương',
    issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ',
    publishNominees: true,
    publishDecisions: true,
    chairmanTitle: 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ',
    units: [
      { code: 'P-NOIVU', name: 'Phòng Nội vụ', kind: D },
      { code: 'P-VHTT', name: 'Phòng Văn hóa và Thông tin', kind: D },
      { code: 'P-TCKH', name: 'Phòng Tài chính - Kế hoạch', kind: D },
      { code: 'P-NNPTNT', name: 'Phòng Nông nghiệp và PTNT', kind: D },
      { code: 'P-KTHT', name: 'Phòng Kinh tế - Hạ tầng', kind: D },
      { code: 'P-GDDT', name: 'Phòng Giáo dục và Đào tạo', kind: D },
      { code: 'P-TNMT', name: 'Phòng Tài nguyên và Môi trường', kind: D },
      { code: 'P-TP', name: 'Phòng Tư pháp', kind: D },
      { code: 'VP-HDND-UBND', name: 'Văn phòng HĐND và UBND huyện', kind: D },
      { code: 'TT-TUKY', name: 'UBND thị trấn Tứ Kỳ', kind: C },
      { code: 'XA-HUNGDAO', name: 'UBND xã Hưng Đạo', kind: C },
      { code: 'XA-DAISON', name: 'UBND xã Đại Sơn', kind: C },
      { code: 'XA-QUANGPHUC', name: 'UBND xã Quang Phục', kind: C },
      { code: 'XA-NGUYENGIAP', name: 'UBND xã Nguyên Giáp', kind: C },
      { code: 'XA-HAKY', name: 'UBND xã Hà Kỳ', kind: C },
      { code: 'XA-TIENDONG', name: 'UBND xã Tiên Động', kind: C },
      { code: 'XA-CHIMINH', name: 'UBND xã Chí Minh', kind: C },
      { code: 'XA-MINHDUC', name: 'UBND xã Minh Đức', kind: C },
      { code: 'XA-TANKY', name: 'UBND xã Tân Kỳ', kind: C },
      { code: 'DN-NONGSAN-HD', name: 'Công ty Cổ phần Nông sản Hưng Đạo', kind: E },
      { code: 'DN-CNS-TK', name: 'Công ty TNHH Công nghệ số Tứ Kỳ', kind: E },
      { code: 'HTX-QP', name: 'Hợp tác xã Dịch vụ nông nghiệp Quang Phục', kind: E },
      { code: 'MTTQ', name: 'Ủy ban MTTQ Việt Nam huyện Tứ Kỳ', kind: M },
      { code: 'HD-DOANTN', name: 'Đoàn Thanh niên xã Hưng Đạo', kind: M, parent: 'XA-HUNGDAO' },
    ],
    people: [
      {
        unit: 'XA-HUNGDAO',
        fullName: 'Nguyễn Thị Hường',
        gender: F,
        birthYear: 1984,
        position: 'Công chức Văn phòng - Thống kê',
      },
      {
        unit: 'XA-HUNGDAO',
        fullName: 'Trần Văn Hùng',
        gender: Ma,
        birthYear: 1978,
        position: 'Chủ tịch UBND xã',
      },
      {
        unit: 'XA-HUNGDAO',
        fullName: 'Phạm Thị Lan',
        gender: F,
        birthYear: 1990,
        position: 'Công chức Văn hóa - Xã hội',
      },
      {
        unit: 'XA-DAISON',
        fullName: 'Vũ Đức Thắng',
        gender: Ma,
        birthYear: 1981,
        position: 'Phó Chủ tịch UBND xã',
      },
      {
        unit: 'P-VHTT',
        fullName: 'Đỗ Minh Tuấn',
        gender: Ma,
        birthYear: 1986,
        position: 'Chuyên viên',
      },
      {
        unit: 'P-NOIVU',
        fullName: 'Lê Thị Thu Hà',
        gender: F,
        birthYear: 1988,
        position: 'Chuyên viên thi đua - khen thưởng',
      },
      {
        unit: 'DN-CNS-TK',
        fullName: 'Bùi Văn Nam',
        gender: Ma,
        birthYear: 1975,
        position: 'Giám đốc',
      },
      {
        unit: 'TT-TUKY',
        fullName: 'Hoàng Thị Mai',
        gender: F,
        birthYear: 1992,
        position: 'Công chức Tư pháp - Hộ tịch',
      },
      // Council members (Hội đồng Thi đua - Khen thưởng huyện), linked to their users.
      {
        unit: 'P-TCKH',
        fullName: 'Nguyễn Văn Bình',
        gender: Ma,
        birthYear: 1972,
        position: 'Trưởng phòng',
      },
      {
        unit: 'XA-HUNGDAO',
        fullName: 'Trần Thị Thu',
        gender: F,
        birthYear: 1976,
        position: 'Bí thư Đảng ủy xã',
      },
      {
        unit: 'MTTQ',
        fullName: 'Lê Minh Đức',
        gender: Ma,
        birthYear: 1969,
        position: 'Chủ tịch Ủy ban MTTQ huyện',
      },
    ],
    users: [
      { username: 'admin', fullName: 'Quản trị hệ thống Tứ Kỳ', role: Role.Admin },
      { username: 'noivu', fullName: 'Lê Thị Thu Hà', role: Role.HomeAffairs },
      {
        username: 'hoidong',
        fullName: 'Nguyễn Văn Bình',
        role: Role.CouncilMember,
        person: 'Nguyễn Văn Bình',
      },
      {
        username: 'hoidong2',
        fullName: 'Trần Thị Thu',
        role: Role.CouncilMember,
        person: 'Trần Thị Thu',
      },
      {
        username: 'hoidong3',
        fullName: 'Lê Minh Đức',
        role: Role.CouncilMember,
        person: 'Lê Minh Đức',
      },
      { username: 'chutich', fullName: 'Phạm Văn Quang', role: Role.Chairman },
      { username: 'phochutich', fullName: 'Đặng Thị Hạnh', role: Role.ViceChairman },
      { username: 'vhtt', fullName: 'Đỗ Minh Tuấn', role: Role.Coordinator },
      {
        username: 'hungdao',
        fullName: 'Nguyễn Thị Hường',
        role: Role.UnitOfficer,
        unit: 'XA-HUNGDAO',
      },
      { username: 'daison', fullName: 'Vũ Đức Thắng', role: Role.UnitOfficer, unit: 'XA-DAISON' },
    ],
  },
  {
    code: 'tan-hong',
    name: 'Ủy ban nhân dân huyện Tân Hồng',
    level: 'district',
    validFrom: null,
    validTo: REFORM_EVE,
    successorCode: null,
    provincialTexts: [],
    placeName: 'Tân Hồng',
    provinceName: 'tỉnh Đồng Tháp',
    issuingBody: 'ỦY BAN NHÂN DÂN HUYỆN TÂN HỒNG',
    chairmanTitle: 'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN TÂN HỒNG',
    units: [
      { code: 'P-NOIVU', name: 'Phòng Nội vụ', kind: D },
      { code: 'P-VHTT', name: 'Phòng Văn hóa và Thông tin', kind: D },
      { code: 'TT-SARAI', name: 'UBND thị trấn Sa Rài', kind: C },
      { code: 'XA-TANHOCO', name: 'UBND xã Tân Hộ Cơ', kind: C },
      { code: 'XA-THONGBINH', name: 'UBND xã Thông Bình', kind: C },
      { code: 'XA-ANPHUOC', name: 'UBND xã An Phước', kind: C },
    ],
    people: [
      {
        unit: 'TT-SARAI',
        fullName: 'Nguyễn Thị Hương',
        gender: F,
        birthYear: 1987,
        position: 'Công chức Văn phòng - Thống kê',
      },
      {
        unit: 'XA-TANHOCO',
        fullName: 'Lê Văn Tâm',
        gender: Ma,
        birthYear: 1980,
        position: 'Chủ tịch UBND xã',
      },
    ],
    users: [
      { username: 'tanhong.admin', fullName: 'Quản trị hệ thống Tân Hồng', role: Role.Admin },
      { username: 'tanhong.noivu', fullName: 'Trần Thị Ngọc', role: Role.HomeAffairs },
      { username: 'sarai', fullName: 'Nguyễn Thị Hương', role: Role.UnitOfficer, unit: 'TT-SARAI' },
    ],
  },
  {
    code: 'thinh-an',
    name: 'Ủy ban nhân dân xã Thịnh An (dữ liệu mẫu)',
    level: 'commune',
    validFrom: '2025-07-01',
    validTo: null,
    successorCode: null,
    provincialTexts: [
      {
        basis:
          'Quyết định số 45/2025/QĐ-UBND ngày 15 tháng 8 năm 2025 của Ủy ban nhân dân thành phố Hải Phòng ban hành Quy chế công tác thi đua, khen thưởng (dữ liệu mẫu)',
        from: '2025-08-25',
        to: null,
      },
    ],
    proposerTitle: 'Trưởng phòng Văn hóa - Xã hội',
    executors:
      'Chánh Văn phòng HĐND và UBND xã, Trưởng phòng Văn hóa - Xã hội, Trưởng phòng Kinh tế',
    placeName: 'Thịnh An',
    provinceName: 'thành phố Hải Phòng',
    issuingBody: 'ỦY BAN NHÂN DÂN XÃ THỊNH AN',
    publishNominees: true,
    publishDecisions: true,
    chairmanTitle: 'CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ THỊNH AN',
    units: [
      { code: 'VP-HDND-UBND', name: 'Văn phòng HĐND và UBND xã', kind: D },
      { code: 'P-VHXH', name: 'Phòng Văn hóa - Xã hội', kind: D },
      { code: 'P-KINHTE', name: 'Phòng Kinh tế', kind: D },
      { code: 'TT-PVHCC', name: 'Trung tâm Phục vụ hành chính công xã', kind: O },
      { code: 'THCS-THINHAN', name: 'Trường Trung học cơ sở Thịnh An', kind: O },
      { code: 'TYT', name: 'Trạm Y tế xã Thịnh An', kind: O },
      { code: 'HTX-THINHAN', name: 'Hợp tác xã Nông nghiệp Thịnh An', kind: E },
      { code: 'MTTQ', name: 'Ủy ban MTTQ Việt Nam xã Thịnh An', kind: M },
    ],
    people: [
      {
        unit: 'TT-PVHCC',
        fullName: 'Ngô Thị Phương',
        gender: F,
        birthYear: 1989,
        position: 'Giám đốc Trung tâm',
      },
      {
        unit: 'TT-PVHCC',
        fullName: 'Đinh Văn Sơn',
        gender: Ma,
        birthYear: 1993,
        position: 'Công chức tiếp nhận hồ sơ',
      },
      {
        unit: 'TT-PVHCC',
        fullName: 'Lưu Thị Hằng',
        gender: F,
        birthYear: 1991,
        position: 'Công chức Tư pháp - Hộ tịch',
      },
      {
        unit: 'TT-PVHCC',
        fullName: 'Mai Văn Đức',
        gender: Ma,
        birthYear: 1995,
        position: 'Viên chức công nghệ thông tin',
      },
      {
        unit: 'THCS-THINHAN',
        fullName: 'Phan Thị Yến',
        gender: F,
        birthYear: 1985,
        position: 'Hiệu trưởng',
      },
      {
        unit: 'TYT',
        fullName: 'Lý Văn Toàn',
        gender: Ma,
        birthYear: 1982,
        position: 'Trạm trưởng',
      },
      {
        unit: 'P-VHXH',
        fullName: 'Đào Thị Thanh Loan',
        gender: F,
        birthYear: 1987,
        position: 'Công chức phụ trách thi đua, khen thưởng',
      },
      // Council members (Hội đồng Thi đua - Khen thưởng xã), linked to their users.
      {
        unit: 'VP-HDND-UBND',
        fullName: 'Cao Văn Thành',
        gender: Ma,
        birthYear: 1974,
        position: 'Chánh Văn phòng',
      },
      {
        unit: 'P-KINHTE',
        fullName: 'Tạ Thị Hoa',
        gender: F,
        birthYear: 1980,
        position: 'Trưởng phòng',
      },
      {
        unit: 'MTTQ',
        fullName: 'Hà Văn Lộc',
        gender: Ma,
        birthYear: 1970,
        position: 'Chủ tịch Ủy ban MTTQ xã',
      },
    ],
    users: [
      { username: 'thinhan.admin', fullName: 'Quản trị hệ thống Thịnh An', role: Role.Admin },
      { username: 'thinhan.noivu', fullName: 'Đào Thị Thanh Loan', role: Role.HomeAffairs },
      {
        username: 'thinhan.hoidong',
        fullName: 'Cao Văn Thành',
        role: Role.CouncilMember,
        person: 'Cao Văn Thành',
      },
      {
        username: 'thinhan.hoidong2',
        fullName: 'Tạ Thị Hoa',
        role: Role.CouncilMember,
        person: 'Tạ Thị Hoa',
      },
      {
        username: 'thinhan.hoidong3',
        fullName: 'Hà Văn Lộc',
        role: Role.CouncilMember,
        person: 'Hà Văn Lộc',
      },
      { username: 'thinhan.chutich', fullName: 'Vũ Văn Khải', role: Role.Chairman },
      { username: 'thinhan.phochutich', fullName: 'Mạc Thị Nga', role: Role.ViceChairman },
      { username: 'thinhan.vhxh', fullName: 'Đào Thị Thanh Loan', role: Role.Coordinator },
      {
        username: 'thinhan.pvhcc',
        fullName: 'Ngô Thị Phương',
        role: Role.UnitOfficer,
        unit: 'TT-PVHCC',
      },
      {
        username: 'thinhan.truong',
        fullName: 'Phan Thị Yến',
        role: Role.UnitOfficer,
        unit: 'THCS-THINHAN',
      },
    ],
  },
];
