import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** At least 8 characters with a letter and a digit. */
export const PASSWORD_RULE = /^(?=.*\p{L})(?=.*\d).{8,128}$/u;
export const PASSWORD_RULE_MESSAGE =
  'Trường "$property" phải có từ 8 đến 128 ký tự, gồm cả chữ và số.';

/** OWASP's argon2id parameters (19 MiB, 2 passes, 1 lane). */
const OPTIONS: argon2.HashOptions & { raw?: false } = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

@Injectable()
export class PasswordService {
  /** Verified against when the user does not exist, so timing reveals nothing. */
  private readonly dummy = argon2.hash('not-a-real-password', OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash ?? (await this.dummy), password);
    } catch {
      return false;
    }
  }
}
