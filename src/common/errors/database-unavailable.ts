/** SQLSTATE classes and codes that mean the server cannot be reached or is going away. */
const UNAVAILABLE_CODES = new Set([
  '57P01', // admin_shutdown (the server, or pg_terminate_backend, ended the connection)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up or shutting down)
  '53300', // too_many_connections
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection error/i,
  /is not currently accepting connections/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * Whether an error (from TypeORM, which wraps the driver's, or from pg itself)
 * says the database cannot be reached now, rather than that a query is wrong.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as
        { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined,
      depth = 0;
    e && depth < 4;
    depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || NETWORK_CODES.has(code))
      return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e!.message as string)))
      return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}
