/**
 * Renders the Vietnamese error page of the web interface, when the app has
 * one (the web module provides it): errors outside /api, asked for by a
 * browser, answer a page instead of the JSON shape.
 */
export abstract class HtmlErrorPage {
  abstract render(status: number, message: string, requestId: string): string;
}

/** Outside /api, and the client prefers HTML (a browser). */
export function wantsHtml(request: { path: string; headers: { accept?: string } }): boolean {
  return !request.path.startsWith('/api') && (request.headers.accept ?? '').includes('text/html');
}
