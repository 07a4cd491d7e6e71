import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request id: the caller's `X-Request-Id` when it is well-formed (so a
 * proxy's id carries through), else a new UUID (Fastify's `genReqId`).
 */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && ACCEPTABLE.test(incoming) ? incoming : randomUUID();
}

/** Echoes the request id in the response, before anything else runs. */
export function echoRequestId(
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
): void {
  reply.header('X-Request-Id', request.id);
  done();
}
