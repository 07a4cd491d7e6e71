/** The roles of the product (domain guide, "Who uses it"). */
export enum Role {
  UnitOfficer = 'unit_officer',
  HomeAffairs = 'home_affairs',
  CouncilMember = 'council_member',
  Chairman = 'chairman',
  ViceChairman = 'vice_chairman',
  Coordinator = 'coordinator',
  Admin = 'admin',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);

/** Everyone who works for the authority itself, as opposed to a unit. */
export const STAFF_ROLES: readonly Role[] = ALL_ROLES.filter((r) => r !== Role.UnitOfficer);

export const ROLE_LABELS: Record<Role, string> = {
  [Role.UnitOfficer]: 'Cán bộ đơn vị',
  [Role.HomeAffairs]: 'Chuyên viên Phòng Nội vụ',
  [Role.CouncilMember]: 'Thành viên Hội đồng Thi đua - Khen thưởng',
  [Role.Chairman]: 'Chủ tịch',
  [Role.ViceChairman]: 'Phó Chủ tịch',
  [Role.Coordinator]: 'Cán bộ điều phối phong trào',
  [Role.Admin]: 'Quản trị viên',
};
