import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AppConfig, Public, UserClaims } from '@raptorflow/api-platform';
import type { PublicConfig, VerifyProfileResponse } from '@raptorflow/contracts';
import { CurrentUser } from './current-user.decorator';
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
  @HttpCode(200)
  ensureProfile(@CurrentUser() user: UserClaims): Promise<VerifyProfileResponse> {
    return this.profiles.ensureProfile(user);
  }

  @Get('auth/verify-profile')
  verifyProfile(@CurrentUser() user: UserClaims): Promise<VerifyProfileResponse> {
    return this.profiles.verifyProfile(user);
  }
}
