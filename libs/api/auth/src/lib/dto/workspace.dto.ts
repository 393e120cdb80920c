import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RenameWorkspaceDto {
  @ApiProperty({ example: 'Acme marketing', minLength: 1, maxLength: 80 })
  @Transform(trim)
  @IsString()
  @Length(1, 80)
  name!: string;
}

export class InviteMemberDto {
  @ApiProperty({ example: 'teammate@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: ['admin', 'member'] })
  @IsIn(['admin', 'member'])
  role!: 'admin' | 'member';
}

export class ChangeRoleDto {
  @ApiProperty({ enum: ['admin', 'member'] })
  @IsIn(['admin', 'member'])
  role!: 'admin' | 'member';
}

export class UserIdParam {
  @IsUUID()
  userId!: string;
}

export class InvitationTokenParam {
  // 32 random bytes, base64url (workspace.service.ts newInvitationToken).
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'token must be an invitation token' })
  token!: string;
}

export class SwitchWorkspaceDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  workspaceId!: string;
}

export class InvitationIdParam {
  @IsUUID()
  id!: string;
}

export class DeleteAccountDto {
  // Typing one's own email is the confirmation that this is intended.
  @ApiProperty({ example: 'founder@example.com' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  confirmEmail!: string;
}
