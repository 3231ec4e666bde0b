import { Injectable } from '@nestjs/common';

import { UnitOfWork } from '../audit/unit-of-work';
import { Actor } from '../auth/actor';
import { Clock } from '../common/clock';
import { ValidationProblem } from '../common/problems';
import { dateOf, endOf, fromDay, monthsBetween, nightsPerMonth, toDay } from './domain/housing';
import { HousingStatisticsDto, HousingStatisticsQueryDto } from './dto/housing.dto';
import { HousingRepository } from './housing.repository';
import { HousingAccess } from './housing-access';
import { HousingPlacesService } from './housing-places.service';

/**
 * Nights used per place and month, and the waiting list's length: what networks report as their
 * bottleneck. Counts only, no person: not audited per request.
 */
@Injectable()
export class HousingStatisticsService {
  constructor(
    private readonly work: UnitOfWork,
    private readonly repository: HousingRepository,
    private readonly access: HousingAccess,
    private readonly places: HousingPlacesService,
    private readonly clock: Clock,
  ) {}

  async nights(actor: Actor, query: HousingStatisticsQueryDto): Promise<HousingStatisticsDto> {
    const months = monthsBetween(query.from, query.to);
    if (months.length === 0) throw ValidationProblem.field('to', 'to must not be before from');
    if (months.length > 36) throw ValidationProblem.field('to', 'at most 36 months at once');
    const viewer = await this.access.viewer(actor);
    const jurisdictions = this.places.jurisdictionsOf(viewer, query.jurisdiction);
    if (jurisdictions && jurisdictions.length === 0)
      return { months, places: [], waiting: 0, total: 0 };
    const today = dateOf(this.clock.now());
    // Nights up to tonight: the future of a stay in progress is not used yet.
    const tomorrow = endOf(today, 1);
    const start = `${months[0]}-01`;
    const [y, m] = months[months.length - 1].split('-').map(Number);
    const end = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    return this.work.run(actor, async (w) => {
      const places = await this.repository.placesIn(
        w.manager,
        jurisdictions,
        viewer.kind === 'partner' ? viewer.partnerId : undefined,
      );
      const stays = await this.repository.staysOverlapping(
        w.manager,
        places.map((p) => p.id),
        start,
        end,
      );
      const usage = await this.places.usage(w.manager, places);
      const waiting = await this.repository.countWaiting(w.manager, jurisdictions);
      let total = 0;
      const rows = places.map((place) => {
        const perMonth = new Map<string, number>();
        for (const s of stays.filter((s) => s.placeId === place.id)) {
          const until = fromDay(Math.min(toDay(s.until), toDay(tomorrow)));
          for (const [month, n] of nightsPerMonth(s.from, until))
            perMonth.set(month, (perMonth.get(month) ?? 0) + n);
        }
        const nights = months.map((month) => ({ month, nights: perMonth.get(month) ?? 0 }));
        const sum = nights.reduce((a, b) => a + b.nights, 0);
        total += sum;
        return {
          placeId: place.id,
          name: place.name,
          kind: place.kind,
          jurisdiction: place.jurisdiction,
          capacity: place.capacity,
          capacityUnit: place.capacityUnit,
          occupiedNow: usage.get(place.id)!.occupiedNow,
          months: nights,
          total: sum,
        };
      });
      return { months, places: rows, waiting, total };
    });
  }
}
