import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Injectable } from '@nestjs/common';
import { Request, Response } from 'express';
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
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const status =
      exception instanceof AppError
        ? exception.status
        : exception instanceof HttpException
          ? exception.getStatus()
          : 500;
    if (status === 401 && req.method === 'GET') {
      res.redirect(303, `/dang-nhap?${new URLSearchParams({ next: req.originalUrl })}`);
      return;
    }
    // A temporary password (new account, or reset by an admin) must be changed first.
    if (
      exception instanceof AppError &&
      exception.code === 'PASSWORD_CHANGE_REQUIRED' &&
      req.method === 'GET'
    ) {
      res.redirect(303, '/doi-mat-khau');
      return;
    }
    this.api.catch(exception, host);
  }
}
