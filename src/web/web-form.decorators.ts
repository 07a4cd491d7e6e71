import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  HttpCode,
  Injectable,
  Post,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { Roles } from '../access/access.decorators';
import { Role } from '../access/roles';
import { WebForms } from './web-forms';

const MULTIPART_KEY = 'web:multipartForm';

/**
 * Every form a page posts carries the session's token, checked here before
 * the handler runs, so no form can forget it (403 and nothing changes). A
 * multipart form's fields are read by its file interceptor, after guards: it
 * is marked, and its handler checks the token once the body is parsed.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly forms: WebForms,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.method === 'GET' || req.method === 'HEAD') return true;
    if (this.reflector.get<boolean>(MULTIPART_KEY, context.getHandler())) return true;
    this.forms.checkCsrf(req, (req.body ?? {}) as Record<string, unknown>);
    return true;
  }
}

/** A form's target: POST, the roles it is for, and 303 back to a page (Post/Redirect/Get). */
export const FormPost = (path: string, ...roles: Role[]) =>
  applyDecorators(Post(path), Roles(...roles), HttpCode(303), UseGuards(CsrfGuard));

/** The same for a multipart form, whose handler checks the token itself (see CsrfGuard). */
export const MultipartFormPost = (path: string, ...roles: Role[]) =>
  applyDecorators(FormPost(path, ...roles), SetMetadata(MULTIPART_KEY, true));
