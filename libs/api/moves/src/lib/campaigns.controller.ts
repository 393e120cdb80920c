import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@raptorflow/api-auth';
import type { UserClaims } from '@raptorflow/api-platform';
import type { Campaign, CampaignDetail } from '@raptorflow/contracts';
import { CreateCampaignDto, LinkMovesDto, UpdateCampaignDto } from './dto/campaigns.dto';
import { IdParam } from './dto/moves.dto';
import { CampaignsService } from './campaigns.service';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @Get()
  list(@CurrentUser() user: UserClaims): Promise<Campaign[]> {
    return this.campaigns.list(user);
  }

  @Post()
  create(@CurrentUser() user: UserClaims, @Body() body: CreateCampaignDto): Promise<Campaign> {
    return this.campaigns.create(user, body);
  }

  @Get(':id')
  get(@CurrentUser() user: UserClaims, @Param() params: IdParam): Promise<CampaignDetail> {
    return this.campaigns.get(user, params.id);
  }

  @Patch(':id')
  update(@CurrentUser() user: UserClaims, @Param() params: IdParam, @Body() body: UpdateCampaignDto): Promise<Campaign> {
    return this.campaigns.update(user, params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: UserClaims, @Param() params: IdParam): Promise<void> {
    return this.campaigns.remove(user, params.id);
  }

  @Post(':id/moves')
  @HttpCode(200)
  linkMoves(@CurrentUser() user: UserClaims, @Param() params: IdParam, @Body() body: LinkMovesDto): Promise<CampaignDetail> {
    return this.campaigns.linkMoves(user, params.id, body.moveIds);
  }
}
