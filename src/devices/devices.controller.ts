import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
import { ApiProblems, BODY_PROBLEMS } from '../common/api-problems';
import { UuidParam } from '../common/uuid-param';
import { DevicesService } from './devices.service';
import {
  DeviceDto,
  DevicePageDto,
  DeviceQueryDto,
  DeviceStatusDto,
  DeviceStockDto,
  DeviceWithHistoryDto,
  RegisterDeviceDto,
} from './dto/device.dto';

@ApiTags('devices')
@Controller('devices')
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Register a device',
    description:
      "Adds a Grave Danger Phone to the stock of a court of yours (the IMEI's check digit is verified).",
  })
  @ApiProblems(BODY_PROBLEMS, {
    403: [['forbidden', "the court's stock is not in your jurisdictions"]],
    409: ['device.duplicate'],
  })
  @ApiCreatedResponse({
    type: DeviceDto,
    description: 'Added to the stock of its court, available.',
  })
  register(@CurrentActor() actor: Actor, @Body() body: RegisterDeviceDto): Promise<DeviceDto> {
    return this.devices.register(actor, body);
  }

  @Get()
  @Roles('admin', 'coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'List devices',
    description: 'Devices of your jurisdictions, by status or court.',
  })
  @ApiOkResponse({ type: DevicePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: DeviceQueryDto): Promise<DevicePageDto> {
    return this.devices.list(actor, query);
  }

  @Get('stock')
  @Roles('admin', 'coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Count the stock',
    description: 'Devices of your jurisdictions per court and status: what is left to hand over.',
  })
  @ApiOkResponse({ type: [DeviceStockDto], description: 'Devices per court and status.' })
  stock(@CurrentActor() actor: Actor): Promise<DeviceStockDto[]> {
    return this.devices.stock(actor);
  }

  @Get(':id')
  @Roles('admin', 'coordinator', 'prosecutor')
  @ApiOperation({
    summary: 'Read a device',
    description: 'The device with every hand-over and return.',
  })
  @ApiProblems({ 404: ['not-found'] })
  @ApiOkResponse({ type: DeviceWithHistoryDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DeviceWithHistoryDto> {
    return this.devices.get(actor, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Set a device status',
    description:
      'Maintenance, lost, retired or back to available; an assigned device changes only through its allocation.',
  })
  @ApiProblems(BODY_PROBLEMS, {
    404: ['not-found'],
    409: ['device.assigned', 'device.retired', 'device.same-status'],
  })
  @ApiOkResponse({
    type: DeviceDto,
    description: 'Maintenance, lost, retired, or back to available.',
  })
  setStatus(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: DeviceStatusDto,
  ): Promise<DeviceDto> {
    return this.devices.setStatus(actor, id, body);
  }
}
