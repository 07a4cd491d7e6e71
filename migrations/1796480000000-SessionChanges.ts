import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change that can end or narrow a session's access is announced on the
 * channel `session_changes` (payload `s:<session id>` or `u:<user id>`), so
 * that each API process drops what it remembers of that session at once
 * (see SessionCache). Sessions: revoked, expiry moved, token rotated, deleted;
 * users: anything the actor carries, or deleted.
 */
export class SessionChanges1796480000000 implements MigrationInterface {
  name = 'SessionChanges1796480000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('session_changes',
          CASE TG_TABLE_NAME WHEN 'sessions' THEN 's:' ELSE 'u:' END || OLD.id::text);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER sessions_changed
        AFTER UPDATE OF revoked_at, expires_at, refresh_token_hash, user_id OR DELETE ON sessions
        FOR EACH ROW EXECUTE FUNCTION notify_session_change()`);
    await queryRunner.query(`
      CREATE TRIGGER users_access_changed
        AFTER UPDATE OF username, role, authority_id, unit_id, must_change_password, active OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION notify_session_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER users_access_changed ON users`);
    await queryRunner.query(`DROP TRIGGER sessions_changed ON sessions`);
    await queryRunner.query(`DROP FUNCTION notify_session_change()`);
  }
}
