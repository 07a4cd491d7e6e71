import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createSecretKey, randomBytes } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { SessionCache } from './session-cache';
import { LoginThrottle, Session } from './session.entity';
import { ThrottleStorage, ThrottleStorageModule } from './throttle-storage';

@Module({
  imports: [
    TypeOrmModule.forFeature([Session, LoginThrottle]),
    UsersModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, made once: given a string, jsonwebtoken builds one on every verify.
        secret: createSecretKey(
          Buffer.from(config.JWT_SECRET ?? randomBytes(48).toString('base64')),
        ),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    // Applied only where @OnlyThrottle says: sign-in, verification and the public pages, public opinions.
    ThrottlerModule.forRootAsync({
      imports: [ThrottleStorageModule],
      inject: [AppConfig, ThrottleStorage],
      useFactory: (config: AppConfig, storage: ThrottleStorage) => ({
        storage,
        throttlers: [
          { name: 'login', ttl: 60000, limit: config.LOGIN_RATE_PER_MINUTE },
          { name: 'verify', ttl: 60000, limit: config.VERIFY_RATE_PER_MINUTE },
          {
            name: 'opinion',
            ttl: 3600000,
            limit: config.OPINION_RATE_PER_HOUR,
            // One count per address whichever way the opinion comes (the page or the API).
            generateKey: (_context, tracker, name) => `${name}:${tracker}`,
          },
        ],
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, SessionCache, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
