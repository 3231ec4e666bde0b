import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/decorators';
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
  @ApiCreatedResponse({
    type: DeviceDto,
    description: 'Added to the stock of its court, available.',
  })
  register(@CurrentActor() actor: Actor, @Body() body: RegisterDeviceDto): Promise<DeviceDto> {
    return this.devices.register(actor, body);
  }

  @Get()
  @Roles('admin', 'coordinator', 'prosecutor')
  @ApiOkResponse({ type: DevicePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: DeviceQueryDto): Promise<DevicePageDto> {
    return this.devices.list(actor, query);
  }

  @Get('stock')
  @Roles('admin', 'coordinator', 'prosecutor')
  @ApiOkResponse({ type: [DeviceStockDto], description: 'Devices per court and status.' })
  stock(@CurrentActor() actor: Actor): Promise<DeviceStockDto[]> {
    return this.devices.stock(actor);
  }

  @Get(':id')
  @Roles('admin', 'coordinator', 'prosecutor')
  @ApiOkResponse({ type: DeviceWithHistoryDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DeviceWithHistoryDto> {
    return this.devices.get(actor, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('admin')
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
