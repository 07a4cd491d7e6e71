import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { ClsPluginTransactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { AppConfig } from '../config/app-config';
import { externalServer, PostgresServer, startEmbeddedServer } from './postgres-server';
import { Db } from './transactions';
import { typeormOptions } from './typeorm-options';

export const POSTGRES_SERVER = Symbol('POSTGRES_SERVER');

/** Stops the embedded server (if any) once everything else has shut down. */
@Injectable()
class PostgresServerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(POSTGRES_SERVER) private readonly server: PostgresServer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.server.stop();
  }
}

@Module({
  providers: [
    {
      provide: POSTGRES_SERVER,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<PostgresServer> => {
        const logger = new Logger('Database');
        const started = Date.now();
        const server = config.DATABASE_URL
          ? externalServer(config.DATABASE_URL)
          : await startEmbeddedServer({
              dataDir: config.EMBEDDED_PG_DIR,
              port: config.EMBEDDED_PG_PORT,
              onLog: (line) => logger.debug(line),
              onNotice: (line) => logger.warn(line),
            });
        logger.log(`Using ${server.description} (ready in ${Date.now() - started} ms)`);
        return server;
      },
    },
    PostgresServerLifecycle,
  ],
  exports: [POSTGRES_SERVER],
})
class PostgresServerModule {}

/**
 * TypeORM on the configured (or embedded) PostgreSQL. Pending migrations run
 * at start-up; `synchronize` is never on. Entities are registered by each
 * domain module through TypeOrmModule.forFeature.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [PostgresServerModule],
      inject: [AppConfig, POSTGRES_SERVER],
      useFactory: (config: AppConfig, server: PostgresServer) => ({
        ...typeormOptions(server.url, config.DB_POOL_SIZE),
        autoLoadEntities: true,
        migrationsRun: true,
        // The server was reached a moment ago (probe or embedded start): an error now is
        // real and stops the start at once rather than after nine retries.
        retryAttempts: 0,
        logging: config.LOG_LEVEL === 'silent' ? false : ['error'],
      }),
    }),
    // Ambient transactions (see transactions.ts): a use case opens one with
    // db.withTransaction, and every service it calls reads db.tx. The plugin is
    // registered on its own, not through ClsModule.forRoot: forRoot also installs
    // a global guard and interceptor, no-ops unless mounted, that every request
    // would still pass through (an rxjs pipeline per call). Nothing here uses a
    // per-request context; a context exists only inside withTransaction.
    ClsModule.registerPlugins([
      new ClsPluginTransactional({
        imports: [TypeOrmModule],
        adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
      }),
    ]),
  ],
  providers: [{ provide: Db, useExisting: TransactionHost }],
  exports: [Db],
})
export class DatabaseModule {}
