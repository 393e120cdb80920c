import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CostlyRoute, Public, type UserClaims } from '@raptorflow/api-platform';
import type { CreatedWorkspaceInvitation, InvitationPreview, VerifyProfileResponse, Workspace, WorkspaceInvitation, WorkspaceMembers, WorkspaceMembership } from '@raptorflow/contracts';
import { RequiresAal2 } from './assurance';
import { CurrentUser } from './current-user.decorator';
import { ChangeRoleDto, InvitationIdParam, InvitationTokenParam, InviteMemberDto, RenameWorkspaceDto, SwitchWorkspaceDto, UserIdParam } from './dto/workspace.dto';
import { WorkspaceService } from './workspace.service';

@ApiTags('workspace')
@ApiBearerAuth()
@Controller('workspace')
export class WorkspaceController {
  constructor(private readonly workspaces: WorkspaceService) {}

  @Get()
  get(@CurrentUser() user: UserClaims): Promise<Workspace> {
    return this.workspaces.get(user);
  }

  @Patch()
  rename(@CurrentUser() user: UserClaims, @Body() body: RenameWorkspaceDto): Promise<Workspace> {
    return this.workspaces.rename(user, body.name);
  }

  @Get('members')
  members(@CurrentUser() user: UserClaims): Promise<WorkspaceMembers> {
    return this.workspaces.members(user);
  }

  @Post('invitations')
  @CostlyRoute()
  invite(@CurrentUser() user: UserClaims, @Body() body: InviteMemberDto): Promise<CreatedWorkspaceInvitation> {
    return this.workspaces.invite(user, body.email, body.role);
  }

  @Post('invitations/:id/resend')
  @CostlyRoute()
  @HttpCode(200)
  resendInvitation(@CurrentUser() user: UserClaims, @Param() params: InvitationIdParam): Promise<WorkspaceInvitation> {
    return this.workspaces.resendInvitation(user, params.id);
  }

  @Delete('invitations/:id')
  @HttpCode(204)
  revokeInvitation(@CurrentUser() user: UserClaims, @Param() params: InvitationIdParam): Promise<void> {
    return this.workspaces.revokeInvitation(user, params.id);
  }

  @Patch('members/:userId')
  @HttpCode(204)
  changeRole(@CurrentUser() user: UserClaims, @Param() params: UserIdParam, @Body() body: ChangeRoleDto): Promise<void> {
    return this.workspaces.changeRole(user, params.userId, body.role);
  }

  @Delete('members/:userId')
  @RequiresAal2()
  @HttpCode(204)
  removeMember(@CurrentUser() user: UserClaims, @Param() params: UserIdParam): Promise<void> {
    return this.workspaces.removeMember(user, params.userId);
  }
}

@ApiTags('workspace')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationController {
  constructor(private readonly workspaces: WorkspaceService) {}

  // The link is opened before signing in; it shows only whose workspace it is, who invites and which address.
  @Public()
  @Get(':token')
  preview(@Param() params: InvitationTokenParam): Promise<InvitationPreview> {
    return this.workspaces.preview(params.token);
  }

  @Post(':token/accept')
  @HttpCode(200)
  accept(@CurrentUser() user: UserClaims, @Param() params: InvitationTokenParam): Promise<Workspace> {
    return this.workspaces.accept(user, params.token);
  }
}

/** The workspaces the user belongs to, and which one every page shows. */
@ApiTags('workspace')
@ApiBearerAuth()
@Controller('workspaces')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspaceService) {}

  @Get()
  list(@CurrentUser() user: UserClaims): Promise<WorkspaceMembership[]> {
    return this.workspaces.workspacesOf(user);
  }

  @Post('current')
  @HttpCode(200)
  switchTo(@CurrentUser() user: UserClaims, @Body() body: SwitchWorkspaceDto): Promise<VerifyProfileResponse> {
    return this.workspaces.switchTo(user, body.workspaceId);
  }
}
