import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The site's look for pages rendered outside the web module, when the app has
 * one (the web module provides it): the Vietnamese error page (errors outside
 * /api, asked for by a browser, answer a page instead of the JSON shape) and
 * the public pages (the certificate verification), in the same layout.
 */
export abstract class SitePages {
  abstract error(status: number, message: string, requestId: string): string;
  /** A public page (no user, no menu) with `body` as its content. */
  abstract public(title: string, body: string): string;
}

/** Outside /api, and the client prefers HTML (a browser). */
export function wantsHtml(request: { url: string; headers: { accept?: string } }): boolean {
  return !request.url.startsWith('/api') && (request.headers.accept ?? '').includes('text/html');
}

/** The type of every page. */
export const HTML = 'text/html; charset=utf-8';

/** What Fastify gives a string answer that named no type of its own. */
const PLAIN_TEXT = 'text/plain; charset=utf-8';

/**
 * A Fastify `onSend` hook: outside /api a string answer is a page (the web
 * controllers return the HTML they render), so it is sent as HTML, as Express
 * did; an answer that named its type (a script, a CSV) keeps it.
 */
export function pagesAsHtml(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (error: null, payload: unknown) => void,
): void {
  if (
    typeof payload === 'string' &&
    reply.getHeader('content-type') === PLAIN_TEXT &&
    !request.url.startsWith('/api')
  )
    reply.type(HTML);
  done(null, payload);
}
