import { createHash } from 'node:crypto';
import { parse } from 'cookie';
import type { Request } from 'express';

/** The web interface's session cookie: the session's secret, HttpOnly, SameSite=Lax. */
export const SESSION_COOKIE = 'td_session';

/** The session secret a browser presents, on the web pages only (never on /api: no CSRF there). */
export function cookieToken(request: Request): string | undefined {
  if (request.path.startsWith('/api')) return undefined;
  const header = request.headers.cookie;
  return header ? parse(header)[SESSION_COOKIE] || undefined : undefined;
}

/**
 * The synchroniser token of a web session's forms: derived from the session's
 * secret, which only the browser holding the cookie knows, so another site
 * cannot forge it and nothing needs storing.
 */
export function csrfToken(sessionSecret: string): string {
  return createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');
}
