import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';

import {
  BooleanField,
  EnumField,
  IntField,
  JurisdictionField,
  NestedField,
  PatternField,
  TextField,
} from '../../common/dto/fields';
import { PageQuery } from '../../common/dto/page';
import {
  DIRECTORY_ID_PATTERN,
  NETWORK_KINDS,
  type NetworkKind,
  PARTNER_KINDS,
  PARTNER_SERVICES,
  type PartnerKind,
  type PartnerService,
} from '../domain/network';

const STAFF_PHONE = /^\+?[0-9 .()-]{3,30}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,}$/;

function DirectoryId(options: { optional?: boolean; description: string; example: string }) {
  return PatternField({
    pattern: DIRECTORY_ID_PATTERN,
    max: 64,
    message: 'must be lower-case letters, digits and dashes (at most 64), such as cidff-82',
    ...options,
  });
}

/** A list of short texts (municipalities, postal codes). */
function TextList(options: {
  max: number;
  maxItems: number;
  example: string[];
  description: string;
}) {
  return (target: object, key: string) => {
    ApiPropertyOptional({
      type: [String],
      maxItems: options.maxItems,
      example: options.example,
      description: options.description,
      nullable: true,
    })(target, key);
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(options.maxItems)(target, key);
    IsString({ each: true })(target, key);
    MinLength(1, { each: true })(target, key);
    MaxLength(options.max, { each: true })(target, key);
  };
}

export class ContactPointDto {
  @TextField({ max: 100, example: 'Accueil', description: 'What this contact point is.' })
  label!: string;
  @PatternField({
    pattern: STAFF_PHONE,
    max: 30,
    message: 'must be a phone number (digits, spaces, + . - ( ))',
    optional: true,
    example: '+33 5 63 00 00 00',
  })
  phone?: string;
  @PatternField({
    pattern: EMAIL,
    max: 200,
    message: 'must be an e-mail address',
    optional: true,
    example: 'accueil@cidff82.example',
  })
  email?: string;
  @TextField({ max: 300, optional: true, example: '12 rue de la République, 82000 Montauban' })
  address?: string;
  @TextField({ max: 200, optional: true, example: 'lundi–vendredi 9 h–17 h' })
  hours?: string;
}

export class ReferentDto {
  @TextField({ max: 200, example: 'Nadia Lambert' }) name!: string;
  @TextField({ max: 200, example: 'Référente VIF' }) role!: string;
  @TextField({ max: 100, optional: true, example: 'Seraing' }) municipality?: string;
  @PatternField({
    pattern: STAFF_PHONE,
    max: 30,
    message: 'must be a phone number (digits, spaces, + . - ( ))',
    optional: true,
    example: '+32 4 330 00 00',
  })
  phone?: string;
  @PatternField({
    pattern: EMAIL,
    max: 200,
    message: 'must be an e-mail address',
    optional: true,
    example: 'referent.vif@seraing.example',
  })
  email?: string;
}

export class PartnerDto {
  @ApiProperty({ example: 'cidff-82' }) id!: string;
  @ApiProperty({ example: 'fr-82-coordination-vif' }) networkId!: string;
  @ApiProperty({ example: 'CIDFF de Tarn-et-Garonne' }) name!: string;
  @ApiProperty({ enum: PARTNER_KINDS, example: 'victim_support' }) kind!: PartnerKind;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ enum: PARTNER_SERVICES, isArray: true, example: ['legal_advice'] })
  services!: PartnerService[];
  @ApiProperty({ type: [String], example: ['Montauban'] }) municipalities!: string[];
  @ApiProperty({ type: [String], example: ['82000'] }) postalCodes!: string[];
  @ApiProperty({ type: [ContactPointDto] }) contacts!: ContactPointDto[];
  @ApiProperty({ type: [ReferentDto] }) referents!: ReferentDto[];
  @ApiProperty({ type: [String], example: ['FR-82'], description: "Its network's jurisdictions." })
  jurisdictions!: string[];
  @ApiProperty() active!: boolean;
  @ApiProperty({
    enum: ['seed', 'api'],
    description: 'Created from a seed file (rules/networks/) or through the API.',
  })
  source!: 'seed' | 'api';
  @ApiProperty({
    description: 'Changed through the API: its seed file no longer overwrites it.',
  })
  edited!: boolean;
  @ApiProperty({ example: 1, description: 'Send it back as expectedVersion to update.' })
  version!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class PartnerPageDto {
  @ApiProperty({ type: [PartnerDto] }) items!: PartnerDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class NetworkDto {
  @ApiProperty({ example: 'fr-82-coordination-vif' }) id!: string;
  @ApiProperty({ enum: NETWORK_KINDS, example: 'coordination_departementale' }) kind!: NetworkKind;
  @ApiProperty({ example: 'Coordination départementale VIF de Tarn-et-Garonne' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: [String], example: ['FR-82'] }) jurisdictions!: string[];
  @ApiProperty({ example: 9, description: 'Active members.' }) partnerCount!: number;
}

export class NetworkDetailDto extends NetworkDto {
  @ApiProperty({ type: [PartnerDto], description: 'Its members, inactive ones included, by name.' })
  partners!: PartnerDto[];
}

export class NetworkPageDto {
  @ApiProperty({ type: [NetworkDto] }) items!: NetworkDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class NetworkQueryDto extends PageQuery {
  @JurisdictionField({ optional: true }) jurisdiction?: string;
}

export class PartnerQueryDto extends PageQuery {
  @JurisdictionField({ optional: true }) jurisdiction?: string;
  @DirectoryId({
    optional: true,
    description: 'Members of this network only.',
    example: 'stopp-vif',
  })
  network?: string;
  @EnumField(PARTNER_KINDS, { optional: true, example: 'psychologist' }) kind?: PartnerKind;
  @EnumField(PARTNER_SERVICES, { optional: true, example: 'psychological_care' })
  service?: PartnerService;
  @TextField({
    max: 100,
    optional: true,
    example: 'Seraing',
    description:
      'A municipality or postal code the partner serves (its referents’ municipalities count); accents and case ignored.',
  })
  place?: string;
  @TextField({
    max: 100,
    optional: true,
    example: 'cabane',
    description: 'Words in the name, description, id or a referent’s name or role.',
  })
  q?: string;
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Deactivated ones too.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeInactive: boolean = false;
}

export class CreatePartnerDto {
  @DirectoryId({
    description: 'Its stable id (tokens of its staff carry it).',
    example: 'planning-familial-82',
  })
  id!: string;
  @DirectoryId({ description: 'The network it joins.', example: 'fr-82-coordination-vif' })
  networkId!: string;
  @TextField({ max: 200, example: 'Planning familial 82' }) name!: string;
  @EnumField(PARTNER_KINDS, { example: 'health' }) kind!: PartnerKind;
  @TextField({ max: 2000, optional: true, example: 'Consultations et accompagnement.' })
  description?: string;
  @EnumField(PARTNER_SERVICES, { array: true, example: ['health_care'] })
  services!: PartnerService[];
  @TextList({
    max: 100,
    maxItems: 100,
    example: ['Montauban'],
    description: 'Municipalities served.',
  })
  municipalities?: string[];
  @TextList({ max: 16, maxItems: 100, example: ['82000'], description: 'Postal codes served.' })
  postalCodes?: string[];
  @NestedField(() => ContactPointDto, { array: true, maxItems: 20, optional: true })
  contacts?: ContactPointDto[];
  @NestedField(() => ReferentDto, { array: true, maxItems: 50, optional: true })
  referents?: ReferentDto[];
}

/** What is sent is replaced (lists whole); what is left out stays. */
export class UpdatePartnerDto {
  @IntField({
    min: 1,
    max: 2_147_483_647,
    example: 1,
    description: 'The version you read: a partner changed since is refused (409).',
  })
  expectedVersion!: number;
  @TextField({ max: 200, optional: true, example: 'CIDFF 82' }) name?: string;
  @EnumField(PARTNER_KINDS, { optional: true, example: 'victim_support' }) kind?: PartnerKind;
  @TextField({ max: 2000, optional: true }) description?: string;
  @EnumField(PARTNER_SERVICES, { array: true, optional: true, example: ['legal_advice'] })
  services?: PartnerService[];
  @TextList({
    max: 100,
    maxItems: 100,
    example: ['Montauban'],
    description: 'Municipalities served.',
  })
  municipalities?: string[];
  @TextList({ max: 16, maxItems: 100, example: ['82000'], description: 'Postal codes served.' })
  postalCodes?: string[];
  @NestedField(() => ContactPointDto, { array: true, maxItems: 20, optional: true })
  contacts?: ContactPointDto[];
  @NestedField(() => ReferentDto, { array: true, maxItems: 50, optional: true })
  referents?: ReferentDto[];
  @BooleanField({
    optional: true,
    description:
      'false deactivates it (kept, hidden from searches and referrals); true brings it back.',
  })
  active?: boolean;
}
