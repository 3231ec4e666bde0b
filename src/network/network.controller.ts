import { Body, Controller, Get, Param, Patch, PipeTransform, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { ValidationProblem } from '../common/problems';
import { DIRECTORY_ID_PATTERN } from './domain/network';
import {
  CreatePartnerDto,
  NetworkDetailDto,
  NetworkPageDto,
  NetworkQueryDto,
  PartnerDto,
  PartnerPageDto,
  PartnerQueryDto,
  UpdatePartnerDto,
} from './dto/network.dto';
import { NetworkService } from './network.service';

/** Staff of the covered jurisdictions, and partner users for their own network. */
const READERS = ['coordinator', 'prosecutor', 'operator', 'admin', 'partner'] as const;

/** A directory id in the path (`cidff-82`); anything else is a 400 naming the parameter. */
class DirectoryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || value.length > 64 || !DIRECTORY_ID_PATTERN.test(value))
      throw ValidationProblem.field('id', 'id must be lower-case letters, digits and dashes');
    return value;
  }
}

const IdParam = (example: string) =>
  ApiParam({
    name: 'id',
    schema: { type: 'string', pattern: DIRECTORY_ID_PATTERN.source, maxLength: 64, example },
  });

@ApiTags('network')
@Controller()
export class NetworkController {
  constructor(private readonly network: NetworkService) {}

  @Get('networks')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Networks of partners',
    description:
      'The networks (réseau VIF, coordination départementale, plate-forme zonale) covering your jurisdictions, by name, with their number of active members; a partner user sees its own network only. Staff contact data, not victim data.',
  })
  @ApiOkResponse({ type: NetworkPageDto })
  listNetworks(
    @CurrentActor() actor: Actor,
    @Query() query: NetworkQueryDto,
  ): Promise<NetworkPageDto> {
    return this.network.listNetworks(actor, query);
  }

  @Get('networks/:id')
  @Roles(...READERS)
  @IdParam('stopp-vif')
  @ApiOperation({
    summary: 'One network with its members',
    description:
      'The network and every member, deactivated ones included (marked). Read and audited. Not covering your jurisdictions (or not yours, for a partner user): 404.',
  })
  @ApiOkResponse({ type: NetworkDetailDto })
  @ApiProblems({ 404: ['not-found'] })
  getNetwork(
    @CurrentActor() actor: Actor,
    @Param('id', DirectoryIdPipe) id: string,
  ): Promise<NetworkDetailDto> {
    return this.network.getNetwork(actor, id);
  }

  @Get('partners')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Search the directory',
    description:
      'Active partners of the networks you see, by name; filter by kind, service offered, place served (municipality or postal code, its referents’ municipalities included; accents and case ignored) and words (name, description, id, referents). includeInactive=true shows deactivated ones too.',
  })
  @ApiOkResponse({ type: PartnerPageDto })
  searchPartners(
    @CurrentActor() actor: Actor,
    @Query() query: PartnerQueryDto,
  ): Promise<PartnerPageDto> {
    return this.network.searchPartners(actor, query);
  }

  @Get('partners/:id')
  @Roles(...READERS)
  @IdParam('cidff-82')
  @ApiOperation({
    summary: 'One partner',
    description: 'Its services, places, contact points and referents. Read and audited.',
  })
  @ApiOkResponse({ type: PartnerDto })
  @ApiProblems({ 404: ['not-found'] })
  getPartner(
    @CurrentActor() actor: Actor,
    @Param('id', DirectoryIdPipe) id: string,
  ): Promise<PartnerDto> {
    return this.network.getPartner(actor, id);
  }

  @Post('partners')
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a partner to a network',
    description:
      'By an admin of a jurisdiction the network covers. The partner is marked as created through the API: no seed file overwrites it. Audited.',
  })
  @ApiCreatedResponse({ type: PartnerDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['partner.exists'] })
  createPartner(@CurrentActor() actor: Actor, @Body() body: CreatePartnerDto): Promise<PartnerDto> {
    return this.network.createPartner(actor, body);
  }

  @Patch('partners/:id')
  @Roles('admin')
  @IdParam('cidff-82')
  @ApiOperation({
    summary: 'Update, deactivate or reactivate a partner',
    description:
      'By an admin of a jurisdiction its network covers. Fields sent replace the stored ones (contacts and referents as whole lists); active=false deactivates it (kept, hidden from searches and from referrals). Once changed here, its seed file no longer overwrites it (edited). Audited.',
  })
  @ApiOkResponse({ type: PartnerDto })
  @ApiProblems(BODY_PROBLEMS, { 404: ['not-found'], 409: ['partner.version-conflict'] })
  updatePartner(
    @CurrentActor() actor: Actor,
    @Param('id', DirectoryIdPipe) id: string,
    @Body() body: UpdatePartnerDto,
  ): Promise<PartnerDto> {
    return this.network.updatePartner(actor, id, body);
  }
}
