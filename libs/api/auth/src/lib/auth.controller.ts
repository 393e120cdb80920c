import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AppConfig, CostlyRoute, Public, UserClaims } from '@raptorflow/api-platform';
import type { PublicConfig, VerifyProfileResponse } from '@raptorflow/contracts';
import { RequiresAal2 } from './assurance';
import { CurrentUser } from './current-user.decorator';
import { DeleteAccountDto } from './dto/workspace.dto';
import { ProfileService } from './profile.service';

@ApiTags('auth')
@ApiBearerAuth()
@Controller()
export class AuthController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('public-config')
  publicConfig(): PublicConfig {
    return { supabaseUrl: this.config.SUPABASE_URL, supabasePublishableKey: this.config.SUPABASE_PUBLISHABLE_KEY };
  }

  @Post('auth/ensure-profile')
  @CostlyRoute()
  @HttpCode(200)
  ensureProfile(@CurrentUser() user: UserClaims): Promise<VerifyProfileResponse> {
    return this.profiles.ensureProfile(user);
  }

  /** Deletes the sign-in, the profile and every workspace the user owns, with all their data. */
  @Delete('auth/account')
  @RequiresAal2()
  @HttpCode(204)
  deleteAccount(@CurrentUser() user: UserClaims, @Body() body: DeleteAccountDto): Promise<void> {
    return this.profiles.deleteAccount(user, body.confirmEmail);
  }

  @Get('auth/verify-profile')
  verifyProfile(@CurrentUser() user: UserClaims): Promise<VerifyProfileResponse> {
    return this.profiles.verifyProfile(user);
  }
}
