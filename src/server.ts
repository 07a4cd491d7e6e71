import { Logger, ModuleMetadata } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, createWorker } from './app.factory';
import { ConfigError, loadConfig } from './config/app-config';
import { DatabaseUnreachableError } from './database/postgres-server';
import { runtimeProblem } from './config/runtime';

/** Ends the process on a release too old to run; returns the warning of one past its end of life. */
function checkNode(): string | undefined {
  const { fatal, warning } = runtimeProblem(process.versions.node);
  if (fatal) {
    console.error(fatal);
    process.exit(1);
  }
  return warning;
}

/** Once the app's logger is in place: a release past its end of life is named in the log. */
function warnOfRuntime(warning: string | undefined): void {
  if (warning) new Logger('Bootstrap').warn(warning);
}

export interface ServeOptions {
  /** Modules added to the app (the demo command adds the demo seeder). */
  imports?: ModuleMetadata['imports'];
  /** Runs once the app is built, before it listens. */
  beforeListen?: (app: NestFastifyApplication) => Promise<void>;
}

/** Runs `start`; any failure ends the process with one clear line for a configuration mistake. */
function run(start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    // One clear line for configuration mistakes; the full error otherwise.
    const oneLine = error instanceof ConfigError || error instanceof DatabaseUnreachableError;
    console.error(oneLine ? error.message : error);
    process.exit(1);
  });
}

/** `npm run worker`: a process that runs the queue's jobs until it is stopped. */
export function work(): void {
  run(async () => {
    const warning = checkNode();
    await createWorker(loadConfig());
    warnOfRuntime(warning);
  });
}

/** Builds the app from the environment and listens; any failure ends the process with one clear line. */
export function serve(options: ServeOptions = {}): void {
  run(async () => {
    const warning = checkNode();
    const started = Date.now();
    const config = loadConfig();
    const app = await createApp(config, undefined, options.imports);
    warnOfRuntime(warning);
    await options.beforeListen?.(app);
    await app.listen(config.PORT, config.HOST);
    new Logger('Bootstrap').log(
      `Thi đua is listening on http://${config.HOST}:${config.PORT} (started in ${Date.now() - started} ms)`,
    );
  });
}
