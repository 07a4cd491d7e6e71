import { createReadStream, promises as fs } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';

/**
 * Where file bytes are kept. The local folder is the default; an object
 * storage implementation can be provided under the same abstract class.
 */
export abstract class FileStorage {
  abstract put(key: string, data: Buffer): Promise<void>;
  abstract read(key: string): Readable;
  /** Every stored key, and the keys of writes left half done, last modified before `before`. */
  abstract leftovers(before: Date): Promise<{ keys: string[]; partial: string[] }>;
  abstract remove(key: string): Promise<void>;
}

export class LocalFileStorage extends FileStorage {
  private readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  /** A key's path; `.part` is the temporary name of a write in progress. */
  private path(key: string): string {
    if (!/^[a-f0-9/-]+(\.part)?$/.test(key)) throw new Error(`Invalid storage key ${key}`);
    return join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const target = this.path(key);
    await fs.mkdir(dirname(target), { recursive: true });
    const temporary = `${target}.part`;
    await fs.writeFile(temporary, data, { mode: 0o600 });
    await fs.rename(temporary, target);
  }

  read(key: string): Readable {
    return createReadStream(this.path(key));
  }

  async leftovers(before: Date): Promise<{ keys: string[]; partial: string[] }> {
    const keys: string[] = [];
    const partial: string[] = [];
    const entries = await fs
      .readdir(this.root, { recursive: true, withFileTypes: true })
      .catch(() => []);
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const full = join(entry.parentPath, entry.name);
      if ((await fs.stat(full)).mtime >= before) continue;
      const key = relative(this.root, full);
      if (key.endsWith('.part')) partial.push(key);
      else keys.push(key);
    }
    return { keys, partial };
  }

  async remove(key: string): Promise<void> {
    await fs.rm(this.path(key), { force: true });
  }
}
