import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding package.json: templates/ and node_modules/ are found from it, in src/ or dist/. */
export function projectRoot(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'templates'))) return dir;
    if (dirname(dir) === dir)
      throw new Error(`No project root (package.json and templates/) above ${from}`);
  }
}
