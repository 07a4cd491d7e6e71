import { ValidateIf } from 'class-validator';

/**
 * The field may be left out; when it is sent, null included, it must pass its
 * rules. (class-validator's own IsOptional lets null through, and null then
 * reached NOT NULL columns and string methods as a 500.)
 */
export const IsOptional = () => ValidateIf((_object, value) => value !== undefined);

/** The field may be left out, or null to clear its value. */
export const IsNullable = () =>
  ValidateIf((_object, value) => value !== undefined && value !== null);
