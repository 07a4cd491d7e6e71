import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  Optional,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { AppError, FieldDetail } from '../errors/app-error';
import { isDatabaseUnavailable } from '../errors/database-unavailable';
import { HTML, SitePages, wantsHtml } from './site-pages';

interface Shaped {
  statusCode: number;
  error: string;
  message: string;
  details: FieldDetail[];
  [extra: string]: unknown;
}

/** The JSON shape of every error the API returns. */
export interface ErrorBody extends Shaped {
  requestId: string;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ.',
  401: 'Bạn cần đăng nhập để tiếp tục.',
  403: 'Bạn không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy tài nguyên được yêu cầu.',
  405: 'Phương thức không được hỗ trợ.',
  409: 'Dữ liệu đã bị thay đổi hoặc bị trùng. Vui lòng tải lại và thử lại.',
  413: 'Dữ liệu gửi lên quá lớn.',
  415: 'Định dạng dữ liệu gửi lên không được hỗ trợ.',
  429: 'Bạn thao tác quá nhiều lần. Vui lòng thử lại sau ít phút.',
  503: 'Dịch vụ tạm thời không sẵn sàng. Vui lòng thử lại sau.',
};

/** Errors Fastify raises while reading a body, before a route runs (they carry `code`). */
const BODY_MESSAGES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'Nội dung gửi lên không phải JSON hợp lệ.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Dữ liệu gửi lên vượt quá giới hạn cho phép.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'Định dạng dữ liệu gửi lên không được hỗ trợ (hãy gửi JSON).',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'Kích thước yêu cầu không khớp với nội dung.',
};

function generic(status: number, message?: string): Shaped {
  return {
    statusCode: status,
    error: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'),
    message: message ?? MESSAGE_BY_STATUS[status] ?? 'Yêu cầu không hợp lệ.',
    details: [],
  };
}

function fromHttpException(
  exception: HttpException,
  request: FastifyRequest,
  config: AppConfig,
): Shaped {
  const status = exception.getStatus();
  if (isUnknownRoute(exception)) {
    return generic(404, `Không tìm thấy đường dẫn ${request.method} ${request.url.split('?')[0]}.`);
  }
  const response = exception.getResponse();
  const shaped = generic(status);
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
    // An upload's file size limit (a body's is handled with its cause).
    shaped.message = `Tệp vượt quá dung lượng cho phép (tối đa ${config.FILE_MAX_MB} MB).`;
    shaped.details = [{ field: 'file', code: 'maxSize', message: shaped.message }];
  }
  if (typeof response === 'object' && response !== null) {
    const r = response as Record<string, unknown>;
    if (Array.isArray(r.details)) shaped.details = r.details as FieldDetail[];
    // Terminus health failures report per-indicator status in `info`/`error`.
    if (r.status && (r.info || r.error)) Object.assign(shaped, { health: r });
  }
  return shaped;
}

/** Nest's answer to an address no route serves. */
const isUnknownRoute = (exception: unknown): boolean =>
  exception instanceof HttpException &&
  exception.getStatus() === HttpStatus.NOT_FOUND &&
  /^Cannot [A-Z]+ /.test(exception.message);

/** Maps PostgreSQL errors that slipped past a service to a 4xx, never a 500. */
function fromQueryFailed(exception: QueryFailedError): Shaped | undefined {
  const driverError = exception.driverError as { code?: string; detail?: string } | undefined;
  switch (driverError?.code) {
    case '23505':
      return {
        ...generic(409, 'Dữ liệu bị trùng với một bản ghi đã có.'),
        details: uniqueFields(driverError.detail),
      };
    case '23503':
      return generic(
        409,
        'Dữ liệu đang được tham chiếu hoặc tham chiếu tới bản ghi không tồn tại.',
      );
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return generic(400, 'Giá trị gửi lên không hợp lệ.');
    case '40001':
    case '40P01':
      return generic(409, 'Có thao tác khác đang xử lý cùng dữ liệu. Vui lòng thử lại.');
    default:
      return undefined;
  }
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Names the field of a unique violation from PostgreSQL's detail, e.g.
 * `Key (authority_id, code)=(…, P-1) already exists.` → `code` (the scope
 * columns, *_id, are left out unless nothing else is in the key).
 */
function uniqueFields(detail: string | undefined): FieldDetail[] {
  const columns = /^Key \(([^)]+)\)=/
    .exec(detail ?? '')?.[1]
    .split(',')
    .map((c) => c.trim());
  if (!columns?.length) return [];
  const own = columns.filter((c) => !c.endsWith('_id'));
  return (own.length ? own : columns).map((column) => ({
    field: camel(column),
    code: 'unique',
    message: `Giá trị của trường "${camel(column)}" đã được dùng.`,
  }));
}

/**
 * Gives every error one JSON shape: statusCode, error (stable code), message
 * (Vietnamese), details (per field), requestId. Unknown errors become a
 * generic 500 that leaks nothing and are logged with the request id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly config: AppConfig,
    @Optional() private readonly htmlPage?: SitePages,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest & { id?: string }>();
    const response = http.getResponse<FastifyReply>();
    const requestId = String(request.id ?? '');

    let body: Shaped | undefined;
    if (isDatabaseUnavailable(exception)) {
      // Sessions are kept: the request is refused, nobody is signed out.
      this.logger.warn({ err: exception, requestId }, 'Database unavailable');
      body = {
        ...generic(
          503,
          'Cơ sở dữ liệu tạm thời không truy cập được. Dữ liệu và phiên đăng nhập của bạn vẫn được giữ; vui lòng thử lại sau ít phút.',
        ),
        error: 'DATABASE_UNAVAILABLE',
        retryAfterSeconds: 10,
      };
    } else if (exception instanceof AppError) {
      body = {
        ...exception.extra,
        statusCode: exception.status,
        error: exception.code,
        message: exception.message,
        details: exception.details,
      };
    } else if (exception instanceof HttpException && isBodyError(exception.cause)) {
      const cause = exception.cause;
      body = generic(cause.statusCode, BODY_MESSAGES[cause.code]);
    } else if (exception instanceof HttpException) {
      body = fromHttpException(exception, request, this.config);
    } else if (exception instanceof QueryFailedError) {
      body = fromQueryFailed(exception);
    }
    if (!body) {
      this.logger.error({ err: exception, requestId }, 'Unhandled error');
      body = generic(
        500,
        `Đã có lỗi hệ thống. Vui lòng thử lại sau; nếu lỗi lặp lại, hãy báo quản trị viên kèm mã yêu cầu ${requestId}.`,
      );
    }
    if (response.sent) return;
    if (body.statusCode === 429 || body.statusCode === 503)
      response.header('Retry-After', String(retryAfter(body, response)));
    if (this.htmlPage && wantsHtml(request)) {
      response
        .status(body.statusCode)
        .type(HTML)
        .send(
          this.htmlPage.error(
            body.statusCode,
            isUnknownRoute(exception) ? 'Không có trang nào ở địa chỉ này.' : body.message,
            requestId,
          ),
        );
      return;
    }
    response.status(body.statusCode).send({ ...body, requestId });
  }
}

/** Seconds to wait: from the error, or a throttler's named header, or a minute. */
function retryAfter(body: Shaped, response: FastifyReply): number {
  if (typeof body.retryAfterSeconds === 'number') return body.retryAfterSeconds;
  const named = Object.entries(response.getHeaders()).find(([k]) => k.startsWith('retry-after-'));
  return named ? Number(named[1]) || 60 : 60;
}

function isBodyError(e: unknown): e is { statusCode: number; code: string } {
  const candidate = e as { statusCode?: unknown; code?: unknown } | null;
  if (typeof candidate?.code !== 'string' || typeof candidate.statusCode !== 'number') return false;
  return candidate.statusCode >= 400 && candidate.statusCode < 500;
}
