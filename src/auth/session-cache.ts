import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

/** What a process may remember of a session: whose it is and until when it holds. */
export interface SessionHolder {
  sessionId: string;
  userId: string;
  expiresAt: Date;
}

/** The tags a remembered holder is found by when its session or its user changes. */
function tagsOf(holder: SessionHolder): [string, string] {
  return [`s:${holder.sessionId}`, `u:${holder.userId}`];
}

/** The channel the database announces session and user changes on (see the SessionChanges migration). */
const CHANNEL = 'session_changes';
/** Sessions remembered at once; past it, the longest remembered is forgotten first. */
const MAX_ENTRIES = 10_000;
/** The longest wait before listening again after the channel was lost. */
const MAX_RETRY_MS = 30_000;

/**
 * Who holds a session, remembered for SESSION_CACHE_SECONDS so that a request
 * does not read the session and its user on every call (a database round
 * trip, a good part of an API call's cost). It stays right because the
 * database announces every revocation and every change of a user's access
 * (LISTEN/NOTIFY): each process forgets that session or user when it hears
 * it. It remembers nothing while it is not listening (at start-up, after the
 * connection was lost), and a read that began before a change was heard is
 * not remembered, so a stale answer can only come from a change committed
 * and not yet heard, a matter of milliseconds, as for a request already
 * under way in another process.
 */
@Injectable()
export class SessionCache<T extends SessionHolder = SessionHolder>
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('SessionCache');
  private readonly entries = new Map<string, { value: T; until: number }>();
  /** The keys remembered for each session (`s:<id>`) and each user (`u:<id>`): a change forgets them without a scan. */
  private readonly keysOf = new Map<string, Set<string>>();
  /** Moves on every change heard or made here: a read begun before it is not remembered. */
  private generation = 0;
  private listener: Client | null = null;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private retryMs = 1000;
  private readonly ttlMs: number;

  constructor(
    config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly host: HttpAdapterHost,
  ) {
    this.ttlMs = config.SESSION_CACHE_SECONDS * 1000;
  }

  /** The holder under `key`, from memory when it may be, else from `read` (remembered when found). */
  async lookup(key: string, read: () => Promise<T | null>): Promise<T | null> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit) {
      if (hit.until > now && hit.value.expiresAt.getTime() > now) return hit.value;
      this.drop(key);
    }
    const generation = this.generation;
    const value = await read();
    if (value && this.listening && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.drop(this.entries.keys().next().value as string);
      this.entries.set(key, { value, until: now + this.ttlMs });
      for (const tag of tagsOf(value)) {
        const keys = this.keysOf.get(tag) ?? new Set<string>();
        this.keysOf.set(tag, keys.add(key));
      }
    }
    return value;
  }

  /** Forgets a session, or every session of a user, in this process at once (the database tells the others). */
  forget(change: { sessionId?: string; userId?: string }): void {
    this.generation++;
    const tag = change.sessionId ? `s:${change.sessionId}` : `u:${change.userId}`;
    for (const key of this.keysOf.get(tag) ?? []) this.drop(key);
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of tagsOf(entry.value)) {
      const keys = this.keysOf.get(tag);
      keys?.delete(key);
      if (!keys?.size) this.keysOf.delete(tag);
    }
  }

  /** Whether this process answers from memory now (it listens to the database's changes). */
  get active(): boolean {
    return this.listening;
  }

  /** Listens once the app starts, unless nothing is remembered or there are no requests (a worker). */
  async onApplicationBootstrap(): Promise<void> {
    if (this.ttlMs > 0 && this.host.httpAdapter) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.stopListening();
  }

  /** A change announced by the database: `s:<session id>` or `u:<user id>`. */
  private heard(payload: string): void {
    const id = payload.slice(2);
    if (payload.startsWith('s:')) this.forget({ sessionId: id });
    else if (payload.startsWith('u:')) this.forget({ userId: id });
    else this.clear();
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
    this.keysOf.clear();
  }

  private async listen(): Promise<void> {
    const url = (this.dataSource.options as { url?: string }).url;
    const client = new Client({
      connectionString: url,
      application_name: 'thi-dua-sessions',
      keepAlive: true,
    });
    client.on('notification', (message) => this.heard(message.payload ?? ''));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      if (this.listener !== client) return;
      this.clear();
      this.listening = true;
      this.retryMs = 1000;
    } catch {
      this.lost(client);
    }
  }

  /** The channel is gone: nothing is answered from memory until it is back. */
  private lost(client: Client): void {
    if (this.listener !== client) return;
    this.stopListening();
    if (this.stopped) return;
    this.logger.warn(
      `Lost the database's session changes; sessions are read on every request until it is back (retry in ${this.retryMs / 1000} s)`,
    );
    this.retry = setTimeout(() => void this.listen(), this.retryMs);
    this.retry.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }

  private stopListening(): void {
    this.listening = false;
    this.clear();
    const client = this.listener;
    this.listener = null;
    client?.end().catch(() => undefined);
  }
}
