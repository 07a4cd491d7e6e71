import { applyDecorators, SetMetadata } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiExtension,
  ApiForbiddenResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Role } from './roles';

export const PUBLIC_KEY = 'access:public';
export const ROLES_KEY = 'access:roles';
export const ALLOW_PENDING_PASSWORD_KEY = 'access:allowPendingPassword';

/** Reachable while the user must still change a temporary password (sign-out, the change itself, me). */
export const AllowPendingPassword = () => SetMetadata(ALLOW_PENDING_PASSWORD_KEY, true);

/**
 * An open route (login, certificate verification, health). Everything else is
 * closed by the global AuthGuard unless it declares its roles.
 */
export const Public = () =>
  applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-public', true));

/**
 * The roles allowed on a route. Also published in the OpenAPI document
 * (`x-roles`), from which the authorization matrix test reads every route.
 */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiExtension('x-roles', roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Chưa đăng nhập hoặc phiên đã hết hạn' }),
    ApiForbiddenResponse({ description: 'Vai trò không được phép' }),
  );
