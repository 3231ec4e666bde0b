import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, Matches } from 'class-validator';

import { JURISDICTION_PATTERN, PatternField, TextField } from '../../common/dto/fields';
import { DIRECTORY_ID_PATTERN } from '../../network/domain/network';
import { ALL_JURISDICTIONS, ROLES } from '../actor';

/** Staff roles a development sign-in may take (gateways are machines, not console users). */
export const STAFF_ROLES = ['coordinator', 'prosecutor', 'operator', 'admin'] as const;

/** Roles a development sign-in may take: staff, or a partner organisation's user (alone). */
export const SIGN_IN_ROLES = [...STAFF_ROLES, 'partner'] as const;

const JURISDICTION_OR_ALL = new RegExp(`^(\\*|${JURISDICTION_PATTERN.source.slice(1, -1)})$`);

export class SessionDto {
  @ApiProperty({ example: 'operator@FR-82' }) subject!: string;
  @ApiProperty({ enum: ROLES, isArray: true, example: ['operator'] }) roles!: string[];
  @ApiProperty({
    type: [String],
    example: ['FR-82'],
    description: `Jurisdictions acted in; ${ALL_JURISDICTIONS} for all.`,
  })
  jurisdictions!: string[];

  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description:
      'A partner user’s organisation (directory id, from the AUTH_PARTNER_CLAIM claim); null for staff.',
  })
  partnerOrganisationId!: string | null;
}

export class DevTokenRequestDto {
  @PatternField({
    pattern: /^[A-Za-z0-9._@+-]{1,64}$/,
    max: 64,
    message: 'must be 1 to 64 letters, digits or . _ @ + -',
    example: 'camille.martin',
    description: 'Who signs in (the token subject).',
  })
  subject!: string;

  @ApiProperty({
    enum: SIGN_IN_ROLES,
    isArray: true,
    example: ['operator'],
    description: 'Staff roles, or `partner` alone (with partnerOrganisationId).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(STAFF_ROLES.length)
  @IsIn(SIGN_IN_ROLES, { each: true })
  roles!: string[];

  @ApiProperty({ type: [String], example: ['FR-82'], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @Matches(JURISDICTION_OR_ALL, {
    each: true,
    message: 'each must be a jurisdiction code such as FR-82 or BE-ZP-5339, or * for all',
  })
  jurisdictions!: string[];

  @TextField({
    max: 200,
    optional: true,
    example: 'Camille Martin',
    description: 'The display name the token carries (`name` claim), printed on reports.',
  })
  name?: string;

  @PatternField({
    pattern: DIRECTORY_ID_PATTERN,
    max: 64,
    optional: true,
    message: 'must be a directory id such as cidff-82 (lower-case letters, digits and dashes)',
    example: 'cidff-82',
    description:
      'For the partner role, required: the partner organisation the user works for (directory id, e.g. cidff-82, psychologue-coordination-82, la-cabane).',
  })
  partnerOrganisationId?: string;
}

export class DevTokenDto {
  @ApiProperty({ description: 'A bearer token for the Authorization header.' })
  accessToken!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
