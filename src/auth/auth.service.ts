import { createHash, randomBytes } from 'node:crypto';
import { Db } from '../database/transactions';
import { queryPrepared } from '../common/sql';
import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IsNull, MoreThan } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import type { User } from '../users/user.entity';
import { Actor } from '../access/actor';
import { Role } from '../access/roles';
import { PasswordService } from '../users/password.service';
import { UsersService } from '../users/users.service';
import { LoginThrottle, Session } from './session.entity';
import { SessionView, TokensDto } from './auth.dto';
import { deviceLabel, keptUserAgent } from './device';
import { SessionCache, SessionHolder } from './session-cache';
import { VerifiedTokens } from './verified-tokens';

interface TokenClaims {
  sub: string;
  sid: string;
  /** Set by jsonwebtoken when signing (ACCESS_TOKEN_TTL), in seconds. */
  exp?: number;
}

const BAD_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
  return new AppError(
    HttpStatus.TOO_MANY_REQUESTS,
    'LOGIN_LOCKED',
    `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
    [],
    { retryAfterSeconds: minutes * 60 },
  );
}

/** A live session and its user's access, as the session lookup reads them. */
interface SessionRow {
  session_id: string;
  id: string;
  username: string;
  role: Role;
  authority_id: string;
  unit_id: string | null;
  must_change_password: boolean;
  expires_at: Date;
}

/** Who holds a session: an actor without the request it acts in. */
type HeldSession = Omit<Actor, 'requestId'> & SessionHolder;

/** The actor acting in a request with a session's holder (a copy: the holder may be remembered). */
function actorOf(held: HeldSession, requestId: string | null): Actor {
  return {
    userId: held.userId,
    username: held.username,
    role: held.role,
    authorityId: held.authorityId,
    unitId: held.unitId,
    sessionId: held.sessionId,
    mustChangePassword: held.mustChangePassword,
    requestId,
  };
}

/** The columns of a session lookup (a live session of an active user). */
const SESSION_COLUMNS = `s.id AS session_id, s.expires_at, u.id, u.username, u.role, u.authority_id, u.unit_id, u.must_change_password
         FROM sessions s JOIN users u ON u.id = s.user_id`;
const LIVE = 's.revoked_at IS NULL AND s.expires_at > now() AND u.active';

@Injectable()
export class AuthService implements OnModuleInit {
  private readonly verified = new VerifiedTokens<TokenClaims>();

  constructor(
    private readonly db: Db,
    private readonly jwt: JwtService,
    private readonly passwords: PasswordService,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly held: SessionCache<HeldSession>,
  ) {}

  onModuleInit(): void {
    // Sessions are this module's: a change of a user's access ends them here.
    this.users.onAccessChanged((userId, keep) => this.endSessions(userId, keep));
  }

  /** Ends a user's sessions (all but `keepSessionId`), in the current transaction. */
  private async endSessions(userId: string, keepSessionId?: string): Promise<void> {
    await this.db.tx
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL AND id <> :keep', {
        userId,
        keep: keepSessionId ?? '00000000-0000-0000-0000-000000000000',
      })
      .execute();
    this.held.forget({ userId });
  }

  /**
   * Signs a user in. Unknown user, wrong password and inactive account give
   * the same answer; failures per user name lead to a temporary lock (429)
   * that is applied alike to names that do not exist.
   */
  async login(
    rawUsername: string,
    password: string,
    requestId: string | null,
    userAgent: unknown = null,
  ): Promise<TokensDto> {
    const username = rawUsername.trim().toLowerCase();
    const throttle = await this.db.tx.getRepository(LoginThrottle).findOneBy({ username });
    if (throttle?.lockedUntil && throttle.lockedUntil > new Date())
      throw lockedError(throttle.lockedUntil);

    const user = await this.users.findForSignIn(username);
    const valid = (await this.passwords.verify(user?.passwordHash, password)) && !!user?.active;
    if (!valid || !user) {
      const lockedUntil = await this.recordFailure(username);
      if (lockedUntil) throw lockedError(lockedUntil);
      throw new AppError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', BAD_CREDENTIALS);
    }

    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await manager.delete(LoginThrottle, { username });
      const tokens = await this.openSession(user, keptUserAgent(userAgent));
      await this.audit.record({ ...user, userId: user.id, requestId }, 'auth.login', {
        type: 'user',
        id: user.id,
      });
      return tokens;
    });
  }

  /** Counts a failure; returns the lock's end when this failure locks the name. */
  private async recordFailure(username: string): Promise<Date | null> {
    const { LOGIN_MAX_FAILURES: max, LOGIN_LOCKOUT_MINUTES: minutes } = this.config;
    return this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await manager
        .createQueryBuilder()
        .insert()
        .into(LoginThrottle)
        .values({ username, failures: 0, lastFailureAt: () => 'now()' })
        .orIgnore()
        .execute();
      const row = await manager.findOneOrFail(LoginThrottle, {
        where: { username },
        lock: { mode: 'pessimistic_write' },
      });
      const windowStart = new Date(Date.now() - minutes * 60000);
      const expired =
        row.lastFailureAt < windowStart || (row.lockedUntil && row.lockedUntil <= new Date());
      const failures = expired ? 1 : row.failures + 1;
      const lockedUntil = failures >= max ? new Date(Date.now() + minutes * 60000) : null;
      await manager.update(
        LoginThrottle,
        { id: row.id },
        { failures, lockedUntil, lastFailureAt: new Date() },
      );
      return lockedUntil;
    });
  }

  private async openSession(user: User, userAgent: string | null = null): Promise<TokensDto> {
    const manager = this.db.tx;
    const refreshToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const session = await manager.save(
      manager.create(Session, {
        userId: user.id,
        refreshTokenHash: sha256(refreshToken),
        expiresAt: new Date(now.getTime() + this.config.SESSION_TTL_DAYS * 86400000),
        revokedAt: null,
        lastUsedAt: now,
        userAgent,
      }),
    );
    return this.tokensFor(user.id, session.id, refreshToken);
  }

  private async tokensFor(
    userId: string,
    sessionId: string,
    refreshToken: string,
  ): Promise<TokensDto> {
    const claims: TokenClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.ACCESS_TOKEN_TTL,
    });
    return { accessToken, expiresIn: this.config.ACCESS_TOKEN_TTL, refreshToken };
  }

  /** The actor's own sessions still open, newest first, this one marked. */
  async sessionsOf(actor: Actor): Promise<SessionView[]> {
    const sessions = await this.db.tx.find(Session, {
      where: { userId: actor.userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { createdAt: 'DESC' },
    });
    return sessions.map((s) => ({
      id: s.id,
      device: deviceLabel(s.userAgent),
      startedAt: s.createdAt,
      lastRenewedAt: s.lastUsedAt,
      expiresAt: s.expiresAt,
      current: s.id === actor.sessionId,
    }));
  }

  /**
   * Ends the actor's other sessions (a phone left signed in, a shared
   * computer), this one kept; audited with how many ended.
   */
  endOtherSessions(actor: Actor): Promise<{ ended: number }> {
    return this.db.withTransaction(async () => {
      const [ended]: [{ id: string }[], number] = await this.db.tx.query(
        `UPDATE sessions SET revoked_at = now()
          WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL AND expires_at > now()
        RETURNING id`,
        [actor.userId, actor.sessionId],
      );
      for (const { id } of ended) this.held.forget({ sessionId: id });
      if (ended.length)
        await this.audit.record(
          actor,
          'auth.end_other_sessions',
          { type: 'user', id: actor.userId },
          { otherSessions: { from: ended.length, to: 0 } },
        );
      return { ended: ended.length };
    });
  }

  /** Issues a session for a user without a password (demo data, tests). */
  issueSession(user: User): Promise<TokensDto> {
    return this.db.withTransaction(() => this.openSession(user));
  }

  /**
   * Exchanges a refresh token for new tokens; the old refresh token dies. An
   * old token presented again means two holders (a thief and the user): the
   * session ends for both, and the audit trail says why.
   */
  async refresh(refreshToken: string, requestId: string | null = null): Promise<TokensDto> {
    const presented = sha256(refreshToken);
    const next = randomBytes(32).toString('base64url');
    const [rows]: [{ id: string; user_id: string }[], number] = await this.db.tx.query(
      `UPDATE sessions s SET previous_refresh_token_hash = s.refresh_token_hash,
                             refresh_token_hash = $2, last_used_at = now()
         FROM users u
        WHERE s.refresh_token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND u.id = s.user_id AND u.active
      RETURNING s.id, s.user_id`,
      [presented, sha256(next)],
    );
    if (rows.length === 1) {
      // The old secret no longer opens the session (a web cookie holding it included).
      this.held.forget({ sessionId: rows[0].id });
      return this.tokensFor(rows[0].user_id, rows[0].id, next);
    }
    const reused = await this.db.withTransaction(async () => {
      const manager = this.db.tx;
      const [ended]: [{ id: string; user_id: string }[], number] = await manager.query(
        `UPDATE sessions SET revoked_at = now()
          WHERE previous_refresh_token_hash = $1 AND revoked_at IS NULL
        RETURNING id, user_id`,
        [presented],
      );
      if (!ended.length) return false;
      this.held.forget({ sessionId: ended[0].id });
      const user = await this.users.byId(ended[0].user_id);
      await this.audit.record({ ...user, userId: user.id, requestId }, 'auth.refresh_reused', {
        type: 'session',
        id: ended[0].id,
      });
      return true;
    });
    throw new AppError(
      HttpStatus.UNAUTHORIZED,
      'INVALID_REFRESH_TOKEN',
      reused
        ? 'Mã làm mới này đã được dùng trước đó, có thể đã bị lộ; phiên đăng nhập đã được kết thúc để bảo vệ tài khoản. Vui lòng đăng nhập lại.'
        : 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    );
  }

  /** Resolves a bearer token to the acting user, or null when it is not valid now. */
  async actorFor(token: string, requestId: string | null): Promise<Actor | null> {
    let claims: TokenClaims;
    try {
      claims = await this.verified.verify(token, (t) =>
        this.jwt.verifyAsync<TokenClaims>(t, { algorithms: ['HS256'] }),
      );
    } catch {
      return null;
    }
    if (typeof claims.sid !== 'string' || typeof claims.sub !== 'string') return null;
    // The session and its user's access in one indexed read (the users module's table is
    // only read here, for speed), prepared once per connection, remembered while the
    // database's changes are heard (SessionCache). A database error propagates (503 while
    // it is unreachable): it must not read as "no session", which would sign everyone out.
    const held = await this.held.lookup(`t:${claims.sid}:${claims.sub}`, () =>
      this.readSession(`s.id = $1 AND u.id = $2`, [claims.sid, claims.sub]),
    );
    return held && actorOf(held, requestId);
  }

  /**
   * The actor of a web session: the browser presents the session's secret
   * (its refresh token, never rotated for the web) in an HttpOnly cookie.
   */
  async actorForSessionSecret(secret: string, requestId: string | null): Promise<Actor | null> {
    const hash = sha256(secret);
    const held = await this.held.lookup(`c:${hash}`, () =>
      this.readSession('s.refresh_token_hash = $1', [hash]),
    );
    return held && actorOf(held, requestId);
  }

  private async readSession(where: string, values: string[]): Promise<HeldSession | null> {
    const [row] = await queryPrepared<SessionRow>(
      this.db.tx,
      `SELECT ${SESSION_COLUMNS} WHERE ${where} AND ${LIVE}`,
      values,
    );
    return row
      ? {
          userId: row.id,
          username: row.username,
          role: row.role,
          authorityId: row.authority_id,
          unitId: row.unit_id,
          sessionId: row.session_id,
          mustChangePassword: row.must_change_password,
          expiresAt: row.expires_at,
        }
      : null;
  }

  async logout(actor: Actor): Promise<void> {
    await this.db.withTransaction(async () => {
      const manager = this.db.tx;
      await manager.update(
        Session,
        { id: actor.sessionId, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      this.held.forget({ sessionId: actor.sessionId });
      await this.audit.record(actor, 'auth.logout', { type: 'user', id: actor.userId });
    });
  }

  /** Changes the actor's password; their other sessions end (see onModuleInit). */
  changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    return this.users.changeOwnPassword(actor, currentPassword, newPassword);
  }
}
