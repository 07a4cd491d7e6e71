import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';

/** The named rate limits (their figures are the auth module's ThrottlerModule configuration). */
export const THROTTLES = ['login', 'verify', 'opinion'] as const;
export type ThrottleName = (typeof THROTTLES)[number];

/**
 * Rate-limits a public route by one named limit, per client address: the
 * guard would otherwise count every named limit on it.
 */
export const OnlyThrottle = (name: ThrottleName) =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    SkipThrottle(Object.fromEntries(THROTTLES.filter((n) => n !== name).map((n) => [n, true]))),
  );
