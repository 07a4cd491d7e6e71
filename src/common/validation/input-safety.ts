import { FieldDetail } from '../errors/app-error';

/** Deeper than any of our DTOs, far shallower than what overflows a validator's stack. */
export const MAX_INPUT_DEPTH = 16;

/**
 * The first problem no DTO rule can catch in time: a value nested deeper than
 * MAX_INPUT_DEPTH (the validator would walk it recursively until the stack
 * overflows) or a NUL character (PostgreSQL refuses it in text). Walks
 * iteratively, so the check itself cannot overflow. `root` names the value
 * (a parameter's name, or '' for a whole body or query).
 */
export function unsafeInput(value: unknown, root: string): FieldDetail | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value, path: root, depth: 0 },
  ];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000'))
        return {
          field: path || 'body',
          code: 'nulCharacter',
          message: `Trường "${path || 'body'}" chứa ký tự NUL (U+0000), không được phép.`,
        };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_INPUT_DEPTH)
      return {
        field: path || 'body',
        code: 'tooDeep',
        message: `Dữ liệu lồng nhau quá sâu tại "${path || 'body'}" (tối đa ${MAX_INPUT_DEPTH} cấp).`,
      };
    for (const [key, child] of Object.entries(v)) {
      const childPath = path ? `${path}.${key}` : key;
      if (key.includes('\u0000'))
        return {
          field: path || 'body',
          code: 'nulCharacter',
          message: `Tên trường trong "${path || 'body'}" chứa ký tự NUL (U+0000), không được phép.`,
        };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}
