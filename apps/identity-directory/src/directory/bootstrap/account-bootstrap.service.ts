import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@opensts/platform';
import { isUniqueViolation } from '@opensts/platform';
import { AccountService } from '../accounts/account.service';
import { BootstrapCredentialsWriter } from './bootstrap-credentials.writer';
import { decideBootstrap } from './bootstrap.decider';

/**
 * First start of the directory (either mode): creates the first account and its root key.
 * Instances starting together race on the bootstrap marker's primary key; the loser re-reads and
 * finds the account, so exactly one account is created and one banner printed.
 */
@Injectable()
export class AccountBootstrapService implements OnModuleInit {
  private readonly logger = new Logger(AccountBootstrapService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly cfg: AppConfig,
    @Inject(AccountService) private readonly accounts: AccountService,
    @Inject(BootstrapCredentialsWriter) private readonly writer: BootstrapCredentialsWriter,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.run();
  }

  /** Returns true when this call created the account. */
  async run(): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      const decision = decideBootstrap({
        accountsExist: (await this.accounts.count()) > 0,
        configured: { accountId: this.cfg.STS_BOOTSTRAP_ACCOUNT_ID, accessKeyId: this.cfg.STS_BOOTSTRAP_ACCESS_KEY_ID, accessKeySecret: this.cfg.STS_BOOTSTRAP_ACCESS_KEY_SECRET },
      });
      if (decision.kind === 'Skip') return false;
      try {
        const created = await this.accounts.create({ accountId: decision.accountId, rootKey: decision.rootKey, bootstrap: true });
        const file = this.writer.writeFile(this.cfg.STS_DATA_DIR, created);
        this.writer.print(created, !decision.secretFromConfiguration);
        this.logger.log(`bootstrap account ${created.accountId} created with root AccessKey ${created.accessKeyId}; credentials in ${file}`);
        return true;
      } catch (err) {
        if (!isUniqueViolation(err) || attempt >= 5) throw err;
        // another instance bootstrapped first: look again
      }
    }
  }
}
