import { ValidationError } from 'class-validator';
import { FieldDetail } from '../errors/app-error';

/**
 * Vietnamese wording for class-validator's built-in constraints. A constraint
 * missing here falls back to class-validator's own (English) message, so a
 * new decorator never produces an empty message.
 */
const MESSAGES: Record<string, (args: string[]) => string> = {
  whitelistValidation: () => 'không được phép gửi trường này',
  isDefined: () => 'là bắt buộc',
  isNotEmpty: () => 'không được để trống',
  isString: () => 'phải là chuỗi ký tự',
  isInt: () => 'phải là số nguyên',
  isNumber: () => 'phải là số',
  isBoolean: () => 'phải là true hoặc false',
  isArray: () => 'phải là một danh sách',
  isObject: () => 'phải là một đối tượng',
  isEnum: () => 'có giá trị không hợp lệ',
  isIn: () => 'có giá trị không hợp lệ',
  isUUID: () => 'phải là mã định danh (UUID) hợp lệ',
  isDateString: () => 'phải là ngày viết dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ 2026-06-30',
  isISO8601: () => 'phải là ngày viết dạng năm-tháng-ngày (YYYY-MM-DD), ví dụ 2026-06-30',
  isEmail: () => 'phải là địa chỉ email hợp lệ',
  min: ([min]) => `phải lớn hơn hoặc bằng ${min}`,
  max: ([max]) => `phải nhỏ hơn hoặc bằng ${max}`,
  minLength: ([n]) => `phải có ít nhất ${n} ký tự`,
  maxLength: ([n]) => `không được dài quá ${n} ký tự`,
  arrayMinSize: ([n]) => `phải có ít nhất ${n} phần tử`,
  arrayMaxSize: ([n]) => `không được quá ${n} phần tử`,
  arrayUnique: () => 'không được có phần tử trùng nhau',
  matches: () => 'không đúng định dạng',
  nestedValidation: () => 'phải là một đối tượng hợp lệ',
};

function translate(constraint: string, fallback: string, args: string[]): string {
  const make = MESSAGES[constraint];
  return make ? make(args) : fallback;
}

/** Numbers embedded in class-validator's English message, used as arguments. */
function numbersIn(message: string): string[] {
  return message.match(/-?\d+(\.\d+)?/g) ?? [];
}

/** Flattens nested class-validator errors into one detail per field and rule. */
export function toFieldDetails(errors: ValidationError[], prefix = ''): FieldDetail[] {
  const details: FieldDetail[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [code, english] of Object.entries(error.constraints ?? {})) {
      const tail = english.startsWith(error.property)
        ? english.slice(error.property.length)
        : english;
      // A decorator's own Vietnamese message (it starts as ours do) wins over the generic one.
      const own = english.startsWith('Trường "')
        ? english.replace(`"${error.property}"`, `"${field}"`)
        : undefined;
      details.push({
        field,
        code,
        message: own ?? `Trường "${field}" ${translate(code, english, numbersIn(tail))}.`,
      });
    }
    if (error.children?.length) details.push(...toFieldDetails(error.children, field));
  }
  return details;
}
