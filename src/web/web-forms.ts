import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Request, Response } from 'express';
import { cookieToken, csrfToken } from '../access/web-session';
import { AppError } from '../common/errors/app-error';
import { toFieldDetails } from '../common/validation/validation-messages';

/** What every form of the web interface does: CSRF, the API's DTOs, back to the page with the reason. */
@Injectable()
export class WebForms {
  csrf(req: Request): string {
    return csrfToken(cookieToken(req)!);
  }

  /** Every state-changing form carries the session's token: otherwise 403 and nothing changes. */
  checkCsrf(req: Request, body: Record<string, unknown>): void {
    const token = cookieToken(req);
    if (!token || body._csrf !== csrfToken(token))
      throw AppError.forbidden(
        'Phiên làm việc của biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.',
      );
  }

  /**
   * The form's values as the API's DTO, validated with its rules; a refusal
   * says what the page asks for (`messages` by field) rather than the field's name.
   */
  async valid<T extends object>(
    dto: new () => T,
    input: object,
    messages: Record<string, string> = {},
  ): Promise<T> {
    const value = plainToInstance(dto, input);
    const errors = await validate(value, { whitelist: true });
    if (errors.length) {
      const details = toFieldDetails(errors);
      const field = details[0].field.split('.')[0];
      throw AppError.badRequest(messages[field] ?? details[0].message, details);
    }
    return value;
  }

  /**
   * Runs a form's change, then back to `page`; a refusal (4xx but 404) goes
   * back with its reason, shown in Vietnamese at the top of the page.
   */
  async back(res: Response, page: string, change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
      res.location(page);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      res.location(`${page}?${new URLSearchParams({ loi: error.message })}`);
    }
  }
}
