import {
  applyDecorators,
  CallHandler,
  CanActivate,
  ExecutionContext,
  HttpCode,
  Injectable,
  NestInterceptor,
  Post,
  SetMetadata,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { Observable } from 'rxjs';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Roles } from '../access/access.decorators';
import { Role } from '../access/roles';
import { WebForms } from './web-forms';

const MULTIPART_KEY = 'web:multipartForm';

/**
 * Every form a page posts carries the session's token, checked here before
 * the handler runs, so no form can forget it (403 and nothing changes). A
 * multipart form's fields are read by its file interceptor, after guards: it
 * is marked, and MultipartCsrf checks the token once the body is parsed.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly forms: WebForms,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    if (this.reflector.get<boolean>(MULTIPART_KEY, context.getHandler())) return true;
    this.forms.checkCsrf(req, (req.body ?? {}) as Record<string, unknown>);
    return true;
  }
}

/** A form's target: POST, the roles it is for, and 303 back to a page (Post/Redirect/Get). */
export const FormPost = (path: string, ...roles: Role[]) =>
  applyDecorators(Post(path), Roles(...roles), HttpCode(303), UseGuards(CsrfGuard));

/**
 * A multipart form's token, checked after its file interceptor has parsed the
 * body: MultipartFormPost puts it after the route's own interceptors.
 */
@Injectable()
export class MultipartCsrf implements NestInterceptor {
  constructor(private readonly forms: WebForms) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    this.forms.checkCsrf(req, (req.body ?? {}) as Record<string, unknown>);
    return next.handle();
  }
}

/**
 * The same for a multipart form. Written above the route's file interceptor
 * (`@UseInterceptors(...)`), it runs the token's check after it.
 */
export const MultipartFormPost = (path: string, ...roles: Role[]) =>
  applyDecorators(
    FormPost(path, ...roles),
    SetMetadata(MULTIPART_KEY, true),
    UseInterceptors(MultipartCsrf),
  );
