import { ApiProperty } from '@nestjs/swagger';

export class OidcClientDto {
  @ApiProperty({ example: 'https://login.example.org/realms/vif' }) issuer!: string;
  @ApiProperty({ example: 'tgd-console' }) clientId!: string;
  @ApiProperty({ example: 'openid profile' }) scope!: string;
}

export class MapTilesDto {
  @ApiProperty({ example: 'https://tiles.example.org/{z}/{x}/{y}.png' }) url!: string;
  @ApiProperty({ nullable: true, type: String }) attribution!: string | null;
}

export class ConsoleConfigDto {
  @ApiProperty({
    enum: ['development', 'oidc', 'none'],
    description:
      'development: the development sign-in page; oidc: authorisation code with PKCE at `oidc`; none: no sign-in is configured for the console.',
  })
  signIn!: 'development' | 'oidc' | 'none';
  @ApiProperty({ nullable: true, type: OidcClientDto }) oidc!: OidcClientDto | null;
  @ApiProperty({
    nullable: true,
    type: MapTilesDto,
    description: 'Null: maps draw positions on a plain background.',
  })
  mapTiles!: MapTilesDto | null;
}
