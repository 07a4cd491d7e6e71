import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request id: the caller's `X-Request-Id` when it is well-formed (so a
 * proxy's id carries through), else a new UUID. Echoed in the response.
 */
export function requestId(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
  res.setHeader('X-Request-Id', id);
  req.id = id;
  return id;
}

/** Express middleware giving each request its id before anything else runs. */
export function requestIdMiddleware(
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
): void {
  requestId(req, res);
  next();
}
