import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Public } from '../auth/decorators';
import { ApiProblems, INPUT_PROBLEMS } from '../common/api-problems';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConsoleConfigDto } from './dto/console-config.dto';

@ApiTags('console')
@Controller('console')
export class ConsoleController {
  private readonly settings: ConsoleConfigDto;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { auth, console: web } = config;
    const development = web.devSignIn;
    const oidc =
      auth.mode === 'jwks' && web.oidcClientId
        ? { issuer: auth.issuer, clientId: web.oidcClientId, scope: web.oidcScope }
        : null;
    this.settings = {
      signIn: oidc ? 'oidc' : development ? 'development' : 'none',
      oidc,
      mapTiles: web.mapTileUrl
        ? { url: web.mapTileUrl, attribution: web.mapAttribution ?? null }
        : null,
    };
  }

  @Get('config')
  @Public()
  @ApiOperation({
    summary: 'Console settings',
    description: 'How the web console signs users in and draws maps. Holds no secret.',
  })
  @ApiOkResponse({ type: ConsoleConfigDto })
  @ApiProblems(INPUT_PROBLEMS)
  get(): ConsoleConfigDto {
    return this.settings;
  }
}
