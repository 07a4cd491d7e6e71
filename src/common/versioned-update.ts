import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { diff, FieldChange } from './diff';
import { AppError } from './errors/app-error';

/**
 * Loads a record for update under a row lock (concurrent edits queue up), and
 * refuses with 409 when the client edited an older version than the stored one.
 */
export async function lockForUpdate<T extends ObjectLiteral & { version: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  where: Partial<T>,
  expectedVersion: number | undefined,
  what: string,
): Promise<T> {
  const current = await manager.findOne(entity, {
    where: where as never,
    lock: { mode: 'pessimistic_write' },
  });
  if (!current) throw AppError.notFound(what);
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw AppError.conflict(
      `${what} đã được người khác sửa (phiên bản ${current.version}). Vui lòng tải lại rồi sửa lại.`,
      [{ field: 'version', message: 'Phiên bản đã cũ.', code: 'stale' }],
      { currentVersion: current.version },
    );
  }
  return current;
}

/**
 * Applies `changes` (only the given fields) to a locked record, saves it and
 * returns the saved record with the audit diff of what actually changed.
 */
export async function applyChanges<T extends ObjectLiteral & { version: number }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  current: T,
  changes: Partial<T>,
  fields: (keyof T)[],
): Promise<{ saved: T; changed: Record<string, FieldChange> }> {
  const before = { ...current };
  const next = { ...current } as T;
  for (const field of fields)
    if (changes[field] !== undefined) next[field] = changes[field] as T[keyof T];
  const changed = diff<T>(before, next, fields);
  if (Object.keys(changed).length === 0) return { saved: current, changed };
  const saved = await manager.save(entity, next);
  return { saved, changed };
}
