import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserClaims } from '@raptorflow/api-platform';
import type { AccountSessionsResponse } from '@raptorflow/contracts';
import { AccountSessionsService } from './account-sessions.service';
import { CurrentUser } from './current-user.decorator';

// Signing the other sessions out is GoTrue's (`signOut({ scope: 'others' })`); the API only lists them.
@ApiTags('account')
@ApiBearerAuth()
@Controller('account/sessions')
export class AccountSessionsController {
  constructor(private readonly sessions: AccountSessionsService) {}

  @Get()
  list(@CurrentUser() user: UserClaims): Promise<AccountSessionsResponse> {
    return this.sessions.list(user);
  }
}
