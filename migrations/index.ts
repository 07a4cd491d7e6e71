/**
 * Every migration, in order. `npm run migration:generate -- migrations/Name`
 * writes a new file; add its class at the end of this list.
 */
export const migrations: Function[] = [];
