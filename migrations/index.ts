import { Identity1795328308382 } from './1795328308382-Identity';

/**
 * Every migration, in order. `npm run migration:generate -- migrations/Name`
 * writes a new file; add its class at the end of this list.
 */
export const migrations: Function[] = [Identity1795328308382];
