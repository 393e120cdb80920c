import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@raptorflow/api-auth';
import { CostlyRoute, type UserClaims } from '@raptorflow/api-platform';
import type { GenerateMovesResponse, Move, MovesWeekResponse } from '@raptorflow/contracts';
import { CreateMoveDto, GenerateMovesDto, IdParam, UpdateMoveDto, WeekQuery } from './dto/moves.dto';
import { MovesService } from './moves.service';

@ApiTags('moves')
@ApiBearerAuth()
@Controller('moves')
export class MovesController {
  constructor(private readonly moves: MovesService) {}

  @Get()
  week(@CurrentUser() user: UserClaims, @Query() query: WeekQuery): Promise<MovesWeekResponse> {
    return this.moves.week(user, query.week);
  }

  @Post('generate')
  @CostlyRoute()
  @HttpCode(200)
  generate(@CurrentUser() user: UserClaims, @Body() body: GenerateMovesDto): Promise<GenerateMovesResponse> {
    return this.moves.generate(user, body.week);
  }

  @Post()
  create(@CurrentUser() user: UserClaims, @Body() body: CreateMoveDto): Promise<Move> {
    return this.moves.create(user, body);
  }

  @Patch(':id')
  update(@CurrentUser() user: UserClaims, @Param() params: IdParam, @Body() body: UpdateMoveDto): Promise<Move> {
    return this.moves.update(user, params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: UserClaims, @Param() params: IdParam): Promise<void> {
    return this.moves.remove(user, params.id);
  }
}
