import { Role } from '../access/roles';
import {
  CRITERION_TYPE_LABELS,
  CriterionType,
  ROUND_KIND_LABELS,
  RoundKind,
} from '../movements/movement.entity';

/** Who runs movements: the coordinator (Phòng Văn hóa và Thông tin) and the admin. */
export const MANAGERS = [Role.Coordinator, Role.Admin];

/** Blank rows a criteria form offers beyond the criteria already there. */
export const SPARE_ROWS = 3;

/** What the movement forms offer: each criterion type and round kind with its Vietnamese name. */
export const CRITERION_TYPES = Object.values(CriterionType).map((value) => ({
  value,
  label: CRITERION_TYPE_LABELS[value],
}));
export const ROUND_KINDS = Object.values(RoundKind).map((value) => ({
  value,
  label: ROUND_KIND_LABELS[value],
}));
