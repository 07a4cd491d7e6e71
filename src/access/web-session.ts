import { createHash, randomBytes } from 'node:crypto';
import { parse, serialize, type CookieSerializeOptions } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The web interface's session cookie: the session's secret, HttpOnly, SameSite=Lax. */
export const SESSION_COOKIE = 'td_session';

/** The session secret a browser presents, on the web pages only (never on /api: no CSRF there). */
export function cookieToken(request: FastifyRequest): string | undefined {
  if (request.url.startsWith('/api')) return undefined;
  return cookie(request, SESSION_COOKIE);
}

/** A cookie's value, if the browser sent it. */
function cookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  return header ? parse(header)[name] || undefined : undefined;
}

/** Sets a cookie that only the server reads (HttpOnly, SameSite=Lax); `maxAge` in seconds. */
export function setCookie(
  res: FastifyReply,
  name: string,
  value: string,
  options: Pick<CookieSerializeOptions, 'path' | 'maxAge' | 'secure'>,
): void {
  res.header('Set-Cookie', serialize(name, value, { httpOnly: true, sameSite: 'lax', ...options }));
}

/** Ends a cookie in the browser (same name and path, expired). */
export function clearCookie(res: FastifyReply, name: string, path: string): void {
  res.header('Set-Cookie', serialize(name, '', { path, expires: new Date(0) }));
}

/**
 * The synchroniser token of a web session's forms: derived from the session's
 * secret, which only the browser holding the cookie knows, so another site
 * cannot forge it and nothing needs storing.
 */
export function csrfToken(sessionSecret: string): string {
  return createHash('sha256').update(`csrf:${sessionSecret}`).digest('base64url');
}

/**
 * The sign-in form's own cookie (before there is a session): its token guards
 * the form against login CSRF, another site signing a browser in to an
 * account of its choosing. SameSite=Lax keeps it off another site's POST.
 */
export const SIGN_IN_COOKIE = 'td_signin';

/** The sign-in form's secret a browser presents, if any. */
export function signInSecret(request: FastifyRequest): string | undefined {
  return cookie(request, SIGN_IN_COOKIE);
}

/** A new secret for a sign-in form. */
export function newSignInSecret(): string {
  return randomBytes(24).toString('base64url');
}
