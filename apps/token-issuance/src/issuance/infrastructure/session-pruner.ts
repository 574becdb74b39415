import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Database } from '@opensts/platform';
import { SessionProjection } from './session.projection';

/** Expired sessions leave the active-sessions projection once a minute (nothing else removes them). */
@Injectable()
export class SessionPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionPruner.name);
  private timer?: NodeJS.Timeout;

  constructor(@Inject(Database) private readonly db: Database, @Inject(SessionProjection) private readonly projection: SessionProjection) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.projection.prune(this.db, new Date()).catch((e: Error) => this.logger.warn(`pruning expired sessions failed: ${e.message}`)), 60_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
