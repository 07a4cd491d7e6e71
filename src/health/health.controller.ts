import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Public } from '../access/access.decorators';
import { JobRunner } from '../jobs/job';

@ApiTags('Hệ thống')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly jobs: JobRunner,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary:
      'Kiểm tra tình trạng dịch vụ, cơ sở dữ liệu và hàng đợi xử lý (Redis mất kết nối: "degraded", vẫn phục vụ nhưng chưa nhận việc in mới)',
  })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      async () => {
        const session = this.indicators.check('jobs');
        const ready = await this.jobs.ready();
        // The API still answers without Redis: degraded, not down.
        return ready.ok
          ? session.up({ runner: this.jobs.mode })
          : session.degraded({ runner: this.jobs.mode, message: ready.reason });
      },
    ]);
  }
}
