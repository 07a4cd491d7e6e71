/** One field's change, as the audit trail records it. */
export interface FieldChange {
  from: unknown;
  to: unknown;
}

/** The fields that differ between two versions of a record. */
export function diff<T extends object>(
  before: Partial<T> | null,
  after: Partial<T>,
  fields: (keyof T)[],
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of fields) {
    const from = before ? (before[field] ?? null) : null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[String(field)] = { from, to };
  }
  return changes;
}
