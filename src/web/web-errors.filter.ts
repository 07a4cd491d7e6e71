import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiExceptionFilter } from '../common/http/api-exception.filter';
import { AppError } from '../common/errors/app-error';

/**
 * Errors of the web pages: not signed in (or the session ended) leads to the
 * sign-in page, which brings the user back; everything else is the global
 * filter's answer, a Vietnamese page for a browser (see SitePages).
 */
@Injectable()
@Catch()
export class WebErrors implements ExceptionFilter {
  constructor(private readonly api: ApiExceptionFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const status =
      exception instanceof AppError
        ? exception.status
        : exception instanceof HttpException
          ? exception.getStatus()
          : 500;
    if (status === 401 && req.method === 'GET') {
      res.redirect(`/dang-nhap?${new URLSearchParams({ next: req.url })}`, 303);
      return;
    }
    // A temporary password (new account, or reset by an admin) must be changed first.
    if (
      exception instanceof AppError &&
      exception.code === 'PASSWORD_CHANGE_REQUIRED' &&
      req.method === 'GET'
    ) {
      res.redirect('/doi-mat-khau', 303);
      return;
    }
    this.api.catch(exception, host);
  }
}
