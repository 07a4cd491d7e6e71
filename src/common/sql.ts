import { createHash } from 'node:crypto';
import type { PoolClient } from 'pg';
import sql, { empty, join, raw, Sql } from 'sql-template-tag';
import { EntityManager, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';

export { sql, empty, join, raw, Sql };

/**
 * Hand-built statements for hot paths, with table and column names, casts and
 * value conversion (jsonb, dates) taken from the entities' metadata, so they
 * cannot drift from the mapping TypeORM uses everywhere else.
 */

function typedValues<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Partial<T>,
): { table: Sql; columns: Sql[]; values: Sql[] } {
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns: Sql[] = [];
  const values: Sql[] = [];
  for (const [property, value] of Object.entries(row)) {
    if (value === undefined) continue;
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) throw new Error(`${metadata.name} has no column ${property}`);
    columns.push(raw(`"${column.databaseName}"`));
    // A parameter in a SELECT list has no type of its own: cast it to the column's.
    const type = column.enumName ? `"${column.enumName}"` : driver.normalizeType(column);
    values.push(sql`${driver.preparePersistentValue(value, column)}::${raw(type)}`);
  }
  return { table: raw(`"${metadata.tableName}"`), columns, values };
}

/**
 * `INSERT INTO <table> (...) SELECT ... [WHERE onlyIf]`: a row written inside
 * a larger statement, e.g. a CTE that inserts it only when an earlier
 * conditional update matched. Fragments carry their own values
 * (sql-template-tag), so statements compose without a shared parameter list.
 */
export function insertRowSql<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  row: Partial<T>,
  onlyIf: Sql = empty,
): Sql {
  const { table, columns, values } = typedValues(manager, entity, row);
  return sql`INSERT INTO ${table} (${join(columns)}) SELECT ${join(values)}${
    onlyIf === empty ? empty : sql` WHERE ${onlyIf}`
  }`;
}

/** `"col" = $n::type, ...` for an UPDATE of the given properties. */
export function assignmentsSql<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  changes: Partial<T>,
): Sql[] {
  const { columns, values } = typedValues(manager, entity, changes);
  return columns.map((column, i) => sql`${column} = ${values[i]}`);
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

/** Each statement's name, from its text (the texts are the code's constants: few, and kept). */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `q_${createHash('sha1').update(text).digest('base64url')}`;
    statementNames.set(text, name);
  }
  return name;
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
    const name = statementName(text);
    const result = await client.query({ name, text, values }).catch((error: Error) => {
      throw new QueryFailedError(text, values, error);
    });
    return result.rows as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
