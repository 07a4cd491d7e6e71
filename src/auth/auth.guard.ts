import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../common/errors/app-error';
import { ALLOW_PENDING_PASSWORD_KEY, PUBLIC_KEY, ROLES_KEY } from '../access/access.decorators';
import { RequestWithActor } from '../access/actor';
import { AuthService } from './auth.service';
import { cookieToken } from '../access/web-session';
import { Role } from '../access/roles';

/**
 * Deny by default: a route is reachable only if it is @Public() or declares
 * @Roles(...) and the caller's live session has one of them.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);

    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithActor>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const requestId = typeof request.id === 'string' ? request.id : null;
    // The API takes bearer tokens; the web pages the session cookie.
    const cookie = token ? undefined : cookieToken(request);
    if (!token && !cookie) throw AppError.unauthorized();
    const actor = token
      ? await this.auth.actorFor(token, requestId)
      : await this.auth.actorForSessionSecret(cookie!, requestId);
    if (!actor)
      throw AppError.unauthorized(
        'Phiên đăng nhập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.',
      );
    // A route that forgot to declare its roles is closed to everyone.
    if (!roles || !roles.includes(actor.role)) throw AppError.forbidden();
    if (
      actor.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD_KEY, targets)
    ) {
      throw new AppError(
        403,
        'PASSWORD_CHANGE_REQUIRED',
        'Bạn cần đổi mật khẩu trước khi tiếp tục.',
      );
    }
    request.actor = actor;
    return true;
  }
}
