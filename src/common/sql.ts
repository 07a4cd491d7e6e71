import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import { EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';

/**
 * Hand-built statements for hot paths, with table and column names, casts and
 * value conversion (jsonb, dates) taken from the entities' metadata, so they
 * cannot drift from the mapping TypeORM uses everywhere else.
 */

/** Positional parameters for one hand-built statement: `add` returns its `$n`. */
export class SqlParams {
  constructor(readonly values: unknown[] = []) {}

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function typedValues<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Partial<T>,
  params: SqlParams,
): { table: string; columns: string[]; values: string[] } {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns: string[] = [];
  const values: string[] = [];
  for (const [property, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    columns.push(`"${column.databaseName}"`);
    // A parameter in a SELECT list has no type of its own: cast it to the column's.
    const type = column.enumName ? `"${column.enumName}"` : driver.normalizeType(column);
    values.push(`${params.add(driver.preparePersistentValue(value, column))}::${type}`);
  }
  return { table: `"${metadata.tableName}"`, columns, values };
}

/**
 * `INSERT INTO <table> (...) SELECT ... [WHERE onlyIf]`: a row written inside
 * a larger statement, e.g. a CTE that inserts it only when an earlier
 * conditional update matched.
 */
export function insertRowSql<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Partial<T>,
  params: SqlParams,
  onlyIf?: string,
): string {
  const { table, columns, values } = typedValues(manager, entity, row, params);
  return `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')}${
    onlyIf ? ` WHERE ${onlyIf}` : ''
  }`;
}

/** `"col" = $n::type, ...` for an UPDATE of the given properties. */
export function assignmentsSql<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  changes: Partial<T>,
  params: SqlParams,
): string[] {
  const { columns, values } = typedValues(manager, entity, changes, params);
  return columns.map((column, i) => `${column} = ${values[i]}`);
}

/**
 * The entity's columns for a SELECT list. Named rather than `*`: a prepared
 * statement's result must keep its shape when a later migration adds a column.
 */
export function columnsSql<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
): string {
  return manager.connection
    .getMetadata(entity)
    .columns.map((column) => `"${column.databaseName}"`)
    .join(', ');
}

/** An entity from a raw row of its columns, converted as TypeORM's own reads convert it. */
export function hydrate<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  raw: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const result = metadata.create() as T;
  for (const column of metadata.columns) {
    if (column.databaseName in raw)
      column.setEntityValue(result, driver.prepareHydratedValue(raw[column.databaseName], column));
  }
  return result;
}

/**
 * Runs a statement as a named prepared statement on the manager's connection
 * (its transaction's, if it has one): PostgreSQL parses and plans it once per
 * connection instead of on every call, which for the workflow's CTE is most
 * of its cost. The name comes from the text, so each distinct text is
 * prepared once per connection. Errors are TypeORM's, as from manager.query.
 */
export async function queryPrepared<T>(
  manager: EntityManager,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    const name = `q_${createHash('sha1').update(text).digest('base64url')}`;
    const result = await client.query({ name, text, values }).catch((error: Error) => {
      throw new QueryFailedError(text, values, error);
    });
    return result.rows as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
