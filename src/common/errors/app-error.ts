import { HttpStatus } from '@nestjs/common';

/** One problem with one input field, as shown to the user. */
export interface FieldDetail {
  field: string;
  message: string;
  /** The rule that failed (e.g. `isInt`, `unique`), stable for clients. */
  code?: string;
}

/**
 * The one exception type services throw. `code` is a stable machine-readable
 * name; `message` is what the user reads, in Vietnamese. `extra` carries
 * structured context (e.g. the current state and allowed actions on a 409).
 */
export class AppError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details: FieldDetail[] = [],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badRequest(message: string, details: FieldDetail[] = []): AppError {
    return new AppError(HttpStatus.BAD_REQUEST, 'BAD_REQUEST', message, details);
  }

  /** A single invalid field: the common case for rule violations. */
  static invalidField(field: string, message: string, code = 'invalid'): AppError {
    return new AppError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, [
      { field, message, code },
    ]);
  }

  /** "Not found or no access": used for both, so existence never leaks. */
  static notFound(what = 'Bản ghi'): AppError {
    return new AppError(
      HttpStatus.NOT_FOUND,
      'NOT_FOUND',
      `${what} không tồn tại hoặc bạn không có quyền truy cập.`,
    );
  }

  static conflict(
    message: string,
    details: FieldDetail[] = [],
    extra: Record<string, unknown> = {},
  ): AppError {
    return new AppError(HttpStatus.CONFLICT, 'CONFLICT', message, details, extra);
  }

  static forbidden(message = 'Bạn không có quyền thực hiện thao tác này.'): AppError {
    return new AppError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);
  }

  static unauthorized(message = 'Bạn cần đăng nhập để tiếp tục.'): AppError {
    return new AppError(HttpStatus.UNAUTHORIZED, 'UNAUTHORIZED', message);
  }
}
