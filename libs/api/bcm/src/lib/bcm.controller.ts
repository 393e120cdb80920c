import { Controller, Get, Headers, HttpCode, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@raptorflow/api-auth';
import { CostlyRoute, type UserClaims } from '@raptorflow/api-platform';
import type { BcmRebuildResponse, BcmResponse, BcmVersionSummary, BusinessContextManifest } from '@raptorflow/contracts';
import type { FastifyReply } from 'fastify';
import { BcmVersionParam } from './dto/bcm.dto';
import { renderBcmPdf } from './bcm.pdf';
import { bcmEtag, etagMatches } from './bcm.policy';
import { BcmService } from './bcm.service';

@ApiTags('bcm')
@ApiBearerAuth()
@Controller('context/bcm')
export class BcmController {
  constructor(private readonly bcm: BcmService) {}

  @Get()
  async current(@CurrentUser() user: UserClaims, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<BcmResponse | undefined> {
    const body = await this.bcm.current(user);
    return conditional(reply, ifNoneMatch, body.manifest && bcmEtag(body.manifest.checksum, body.freshness, body.status, body.enrichment ? 'ready' : body.enrichmentPending ? 'pending' : 'none'), body);
  }

  @Get('versions')
  versions(@CurrentUser() user: UserClaims): Promise<BcmVersionSummary[]> {
    return this.bcm.versions(user);
  }

  @Get('versions/:version')
  async version(@CurrentUser() user: UserClaims, @Param() params: BcmVersionParam, @Headers('if-none-match') ifNoneMatch: string | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<BusinessContextManifest | undefined> {
    const manifest = await this.bcm.version(user, params.version);
    return conditional(reply, ifNoneMatch, `"${manifest.checksum}"`, manifest);
  }

  @Post('rebuild')
  @CostlyRoute()
  @HttpCode(202)
  rebuild(@CurrentUser() user: UserClaims): Promise<BcmRebuildResponse> {
    return this.bcm.requestRebuild(user);
  }

  @Get('export')
  async export(@CurrentUser() user: UserClaims, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const manifest = await this.bcm.latest(user);
    reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="raptorflow-bcm-v${manifest.version}.json"`);
    return JSON.stringify(manifest, null, 2);
  }

  /** Every section of the latest manifest, readable on paper (pdfkit, like the GST invoices). */
  @Get('export.pdf')
  async exportPdf(@CurrentUser() user: UserClaims): Promise<StreamableFile> {
    const manifest = await this.bcm.latest(user);
    return new StreamableFile(await renderBcmPdf(manifest), { type: 'application/pdf', disposition: `attachment; filename="raptorflow-bcm-v${manifest.version}.pdf"` });
  }
}

// Conditional GET: the client revalidates every time (no-cache) and gets an empty 304 while its copy is current.
function conditional<T>(reply: FastifyReply, ifNoneMatch: string | undefined, etag: string | null, body: T): T | undefined {
  reply.header('cache-control', 'private, no-cache');
  if (!etag) return body;
  reply.header('etag', etag);
  if (!etagMatches(ifNoneMatch, etag)) return body;
  reply.status(304);
  return undefined;
}
