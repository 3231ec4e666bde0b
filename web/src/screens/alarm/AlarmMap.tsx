import 'leaflet/dist/leaflet.css';

import { Box, Text } from '@mantine/core';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { Alarm } from '../../api/client';
import { useSession } from '../../session/session';
import classes from './AlarmMap.module.css';

/**
 * The alarm's track on a map: the tile source is configuration; without one the points are drawn on
 * a plain background, so nothing leaves the network. The last position is the larger red dot.
 */
export default function AlarmMap({ track }: { track: Alarm['track'] }) {
  const { t, i18n } = useTranslation();
  const { settings } = useSession();
  const element = useRef<HTMLDivElement>(null);
  const tiles = settings?.mapTiles;

  useEffect(() => {
    if (!element.current || track.length === 0) return;
    const map = L.map(element.current, { zoomControl: true, attributionControl: Boolean(tiles) });
    // Leaflet makes the map focusable (arrow keys pan it): it needs a name.
    map.getContainer().setAttribute('aria-label', t('alarm.map'));
    if (tiles)
      L.tileLayer(tiles.url, { attribution: tiles.attribution ?? '', maxZoom: 19 }).addTo(map);
    const points = track.map((point) => L.latLng(point.lat, point.lon));
    L.polyline(points, { color: '#1f3a5f', weight: 3 }).addTo(map);
    track.forEach((point, index) => {
      const last = index === track.length - 1;
      L.circleMarker([point.lat, point.lon], {
        radius: last ? 9 : 5,
        color: last ? '#a51d1d' : '#1f3a5f',
        fillOpacity: 0.9,
      })
        .bindTooltip(new Date(point.occurredAt).toLocaleTimeString(i18n.language))
        .addTo(map);
      if (point.accuracy && last)
        L.circle([point.lat, point.lon], {
          radius: point.accuracy,
          color: '#a51d1d',
          weight: 1,
        }).addTo(map);
    });
    map.fitBounds(L.latLngBounds(points).pad(0.3), { maxZoom: 16 });
    return () => void map.remove();
  }, [track, tiles, i18n.language, t]);

  const last = track.at(-1);
  // The map's summary in words, for those who cannot see the map.
  return (
    <Box component="figure" m={0}>
      <div ref={element} className={tiles ? classes.map : `${classes.map} ${classes.plain}`} />
      <Text component="figcaption" size="sm" mt={4} data-testid="alarm-map">
        {last
          ? t('alarm.mapLabel', {
              count: track.length,
              lat: last.lat.toFixed(5),
              lon: last.lon.toFixed(5),
            })
          : t('alarm.noPosition')}
      </Text>
    </Box>
  );
}
