import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether a port on 127.0.0.1 can be listened on now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A free TCP port on 127.0.0.1 below the ephemeral range: the app binds it
 * seconds later (after the embedded server and the demo data), and a port
 * the system hands out (listen(0)) may meanwhile become the local port of any
 * outgoing connection of the parallel test files (EADDRINUSE, seen in CI).
 */
async function freePort(): Promise<number> {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  const high = Math.min(ephemeralLow || 32768, 65536) - 1;
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20000 + Math.floor(Math.random() * (high - 20000));
    if (await canListen(port)) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const children = (pid: number) =>
  execFileSync('ps', ['-e', '-o', 'pid=,ppid='])
    .toString()
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter(([, ppid]) => ppid === pid)
    .map(([p]) => p);
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000) {
  for (const start = Date.now(); Date.now() - start < ms;) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * The app killed with SIGKILL (as the out-of-memory killer does) and started
 * again on the same embedded data folder: the leftover PostgreSQL is stopped
 * and replaced, Chromium died with the app, and the files folder is swept of
 * half-written uploads and files without a row.
 */
describe('restart after kill -9', () => {
  const root = mkdtempSync(join(tmpdir(), 'thidua-restart-'));
  let app: ChildProcess | undefined;
  let env: NodeJS.ProcessEnv;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const { DATABASE_URL: _external, ...inherited } = process.env;
    env = {
      ...inherited,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      EMBEDDED_PG_DIR: join(root, 'pg'),
      EMBEDDED_PG_PORT: String(await freePort()),
      FILES_DIR: join(root, 'files'),
      TS_NODE_SWC: 'true',
      TS_NODE_TRANSPILE_ONLY: 'true',
    };
  });
  afterAll(async () => {
    if (app?.pid && alive(app.pid)) app.kill('SIGTERM');
    await until('the app to stop', () => !app?.pid || !alive(app.pid)).catch(() => undefined);
    const pidFile = join(root, 'pg', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (alive(pid)) process.kill(pid, 'SIGINT');
    }
    rmSync(root, { recursive: true, force: true });
  });

  async function start(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', 'src/cli/demo.ts'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    await until(
      'the app to answer /health',
      async () => {
        if (child.exitCode !== null) throw new Error(`the app exited: ${stderr}`);
        return (await fetch(`${base}/health`).catch(() => null))?.ok === true;
      },
      90_000,
    );
    return child;
  }

  const postmaster = () =>
    Number(readFileSync(join(root, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);

  it('starts again after SIGKILL: the old PostgreSQL is stopped, Chromium is gone, leftovers are swept', async () => {
    app = await start();
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'noivu', password: 'ThiDua@2025' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { Authorization: `Bearer ${accessToken}` };
    // Chromium starts with the first PDF.
    const pdf = await fetch(`${base}/api/certificate-layout/test`, { headers: auth });
    expect(pdf.status).toBe(200);
    const browsers = children(app.pid!).filter((pid) =>
      /chrom/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8')),
    );
    expect(browsers.length).toBeGreaterThan(0);
    // An upload with its row, a half-written one and a file whose row never committed, all old.
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')]), 'minh-chung.pdf');
    const upload = await fetch(`${base}/api/files`, { method: 'POST', headers: auth, body: form });
    expect(upload.status).toBe(201);
    const { id } = (await upload.json()) as { id: string };
    const kept = join(root, 'files', id.slice(0, 2), id);
    const partial = join(root, 'files', 'ab', 'abababab-0000-4000-8000-000000000000.part');
    const orphan = join(root, 'files', 'ab', 'abababab-0000-4000-8000-000000000001');
    mkdirSync(join(root, 'files', 'ab'), { recursive: true });
    writeFileSync(partial, 'nửa chừng');
    writeFileSync(orphan, 'không có dòng');
    const hourAgo = new Date(Date.now() - 3600_000);
    for (const f of [kept, partial, orphan]) utimesSync(f, hourAgo, hourAgo);
    const oldServer = postmaster();

    app.kill('SIGKILL');
    await until('the app to die', () => !alive(app!.pid!));
    await until('Chromium to end with the app', () => browsers.every((b) => !alive(b)), 10_000);
    expect(alive(oldServer)).toBe(true);

    app = await start();
    expect(alive(oldServer)).toBe(false);
    expect(postmaster()).not.toBe(oldServer);
    await until('the sweep', () => !existsSync(partial) && !existsSync(orphan), 10_000);
    expect(existsSync(kept)).toBe(true);
    // The data survived: the same user signs in again.
    const again = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'noivu', password: 'ThiDua@2025' }),
    });
    expect(again.status).toBe(200);
  }, 180_000);
});
