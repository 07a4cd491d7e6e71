import { ListExportQueryDto } from '../documents/sheet-format.dto';
import type { SheetFormat } from '../documents/spreadsheet';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { cookieToken, csrfToken } from '../access/web-session';
import { AppError } from '../common/errors/app-error';
import { toFieldDetails } from '../common/validation/validation-messages';

/** What every form of the web interface does: CSRF, the API's DTOs, back to the page with the reason. */
@Injectable()
export class WebForms {
  csrf(req: FastifyRequest): string {
    return csrfToken(cookieToken(req)!);
  }

  /** Every state-changing form carries the session's token: otherwise 403 and nothing changes. */
  checkCsrf(req: FastifyRequest, body: Record<string, unknown>): void {
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
   * A refusal's details as one message per field of the form (the first
   * part of the API's field path), in the page's words where it has them;
   * `form` holds the message when no detail names a field.
   */
  fieldErrors(
    error: Pick<AppError, 'message' | 'details'>,
    messages: Record<string, string> = {},
  ): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const d of error.details) {
      const field = d.field.split('.')[0];
      errors[field] ??= messages[field] ?? d.message;
    }
    if (!Object.keys(errors).length) errors.form = error.message;
    return errors;
  }

  /**
   * A list page's query string as the API's query DTO: the empty fields a
   * form sends mean "any" and are dropped; `given` keeps the rest for links.
   */
  async query<T extends object>(
    dto: new () => T,
    raw: Record<string, unknown>,
    messages: Record<string, string> = {},
  ): Promise<{ given: Record<string, unknown>; query: T }> {
    const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    return { given, query: await this.valid(dto, given, messages) };
  }

  /** A download's format from a link's query: xlsx (default) or csv; 400 naming `format` otherwise. */
  async sheetFormat(raw: Record<string, unknown>): Promise<SheetFormat> {
    const { query } = await this.query(ListExportQueryDto, raw, {
      format: 'Định dạng tải về là xlsx hoặc csv.',
    });
    return query.format ?? 'xlsx';
  }

  /**
   * Runs a form whose refusal comes back as the same form: on success to the
   * page `change` returns (303); refused (4xx among `statuses`), the form
   * again, as a page (200), with each error beside its field.
   */
  async orAgain(
    res: FastifyReply,
    change: () => Promise<string>,
    again: (errors: Record<string, string>) => Promise<string>,
    messages: Record<string, string> = {},
    statuses = [400],
  ): Promise<string> {
    try {
      res.header('Location', await change());
      return '';
    } catch (error) {
      if (!(error instanceof AppError) || !statuses.includes(error.status)) throw error;
      res.status(200);
      return again(this.fieldErrors(error, messages));
    }
  }

  /**
   * Runs a form's change, then back to `page`; a refusal (4xx but 404) goes
   * back with its reason, shown in Vietnamese at the top of the page.
   */
  async back(res: FastifyReply, page: string, change: () => Promise<unknown>): Promise<void> {
    try {
      await change();
      res.header('Location', page);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
      res.header(
        'Location',
        `${page}${page.includes('?') ? '&' : '?'}${new URLSearchParams({ loi: error.message })}`,
      );
    }
  }
}

/** A form field that may come once, many times or not at all, as its non-empty values. */
export const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );

/** Whether a form's value looks like an id (anything else is ignored, not looked up). */
export const isUuid = (v: unknown): v is string =>
  typeof v === 'string' &&
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Lines of a textarea, one item each, empty lines dropped. */
export const lines = (value: unknown): string[] =>
  typeof value === 'string'
    ? value
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
    : [];
