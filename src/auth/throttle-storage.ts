import { Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One window per key in Redis, atomically: count the hit (the window starts
 * with the first), and past the limit block the key for blockDuration.
 * KEYS: hits, block; ARGV: ttl ms, limit, block ms. Returns hits, ttl ms,
 * blocked (0/1), block ttl ms.
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('PTTL', KEYS[1]), 1, blocked}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}`;

/**
 * Where the rate limits (sign-in, verification) count: in Redis when
 * REDIS_URL is set, so that every API instance counts together; in this
 * process otherwise. Redis unreachable, this process counts alone for the
 * while (the API keeps answering) and says so in the log.
 */
@Injectable()
export class ThrottleStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('RateLimit');
  private readonly local = new ThrottlerStorageService();
  private readonly redis: Redis | null;
  private warned = 0;

  constructor(private readonly config: AppConfig) {
    this.redis = config.REDIS_URL
      ? new Redis(config.REDIS_URL, {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          commandTimeout: 1000,
          lazyConnect: false,
        })
      : null;
    this.redis?.on('error', () => undefined);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (!this.redis) return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    const base = `${this.config.REDIS_PREFIX}:throttle:${throttlerName}:${key}`;
    try {
      const [hits, ttlMs, blocked, blockMs] = (await this.redis.eval(
        INCREMENT,
        2,
        `${base}:hits`,
        `${base}:block`,
        ttl,
        limit,
        blockDuration,
      )) as number[];
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(ttlMs / 1000)),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.max(0, Math.ceil(blockMs / 1000)),
      };
    } catch (error) {
      if (Date.now() - this.warned > 60_000)
        this.logger.warn(
          `Redis unreachable for the rate limits; this instance counts alone: ${(error as Error).message}`,
        );
      this.warned = Date.now();
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onApplicationShutdown(): void {
    this.redis?.disconnect();
    this.local.onApplicationShutdown();
  }
}

/** The storage as a provider, so that it is closed with the app. */
@Module({ providers: [ThrottleStorage], exports: [ThrottleStorage] })
export class ThrottleStorageModule {}
