/**
 * Control characters and the bidirectional controls that make a text read
 * other than it is ("bao-cao\u202Eexe.pdf" shows as "bao-caofdp.exe").
 */
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const UNSAFE = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A text from outside (a file's name, a browser's User-Agent) without UNSAFE characters. */
export function withoutUnsafeCharacters(text: string): string {
  return text.replace(UNSAFE, '');
}
