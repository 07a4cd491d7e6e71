import { ValueTransformer } from 'typeorm';

/** PostgreSQL numeric comes back as a string; numbers in, numbers out. */
export const numeric: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
