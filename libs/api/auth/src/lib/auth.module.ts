import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountSessionsController } from './account-sessions.controller';
import { AccountSessionsRepository } from './account-sessions.repository';
import { AccountSessionsService } from './account-sessions.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { JwtVerifier } from './jwt.verifier';
import { ProfileRepository } from './profile.repository';
import { ProfileService } from './profile.service';
import { SessionCheck } from './session.check';
import { InvitationController, WorkspaceController, WorkspacesController } from './workspace.controller';
import { WorkspaceRepository } from './workspace.repository';
import { WorkspaceService } from './workspace.service';

@Module({
  controllers: [AuthController, WorkspaceController, InvitationController, WorkspacesController, AccountSessionsController],
  providers: [
    JwtVerifier, SessionCheck, { provide: APP_GUARD, useClass: AuthGuard }, ProfileRepository, ProfileService, WorkspaceRepository, WorkspaceService,
    AccountSessionsRepository, AccountSessionsService,
  ],
  exports: [JwtVerifier, ProfileService],
})
export class AuthModule {}
