import { Module } from '@nestjs/common';
import { MultipartModule, memoryStorage } from '@nestjs/platform-fastify/multipart';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { EvidenceFile } from './evidence-file.entity';
import { FileStorage, LocalFileStorage } from './file-storage';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([EvidenceFile]),
    MultipartModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        // A report form carries a field per criterion and may bring a few files at once.
        limits: { fileSize: config.FILE_MAX_MB * 1024 * 1024, files: 10, fields: 300 },
      }),
    }),
  ],
  controllers: [FilesController],
  providers: [
    FilesService,
    {
      provide: FileStorage,
      inject: [AppConfig],
      useFactory: (c: AppConfig) => new LocalFileStorage(c.FILES_DIR),
    },
  ],
  // The upload options go with the module, for the web interface's uploads too.
  exports: [FilesService, MultipartModule],
})
export class FilesModule {}
