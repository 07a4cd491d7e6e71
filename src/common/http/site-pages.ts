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
export function wantsHtml(request: { path: string; headers: { accept?: string } }): boolean {
  return !request.path.startsWith('/api') && (request.headers.accept ?? '').includes('text/html');
}
