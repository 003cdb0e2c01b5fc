import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { Ctx, Locale } from '../core/context.js';
import { ErrorResponses } from '../http/schemas.js';
import { compress, sendCompressed, type Compressed } from './client-assets.js';
import { mapBackground, readWards } from './map.geo.js';
import { mapPlaces, type MapPlaces } from './map.service.js';

/** The stable address of the ward outlines: the map and every mini-map fetch it, so one cached copy serves all. */
export const WARDS_URL = '/geo/hanoi-wards-2025.geojson';
export const MAP_POINTS_URL = '/api/v1/map/points';

const Place = {
  id: Type.String(),
  name: Type.String(),
  lat: Type.Number(),
  lng: Type.Number(),
  approximate: Type.Boolean({
    description: 'True when the point is only known to be inside the commune (no coordinates on record).',
  }),
  communeId: Type.String(),
  communeName: Type.String(),
  url: Type.String({ description: 'The public page.' }),
};

export const MapPointsSchema = Type.Object({
  salesPoints: Type.Array(
    Type.Object({
      ...Place,
      locationType: Type.String(),
      locationTypeName: Type.String(),
      address: Type.String(),
    }),
  ),
  craftVillages: Type.Array(Type.Object({ ...Place, craft: Type.String(), recognized: Type.Boolean() })),
  unplaced: Type.Integer({ description: 'Records left off the map: their commune has no 2025 outline.' }),
});

let wardsBody: Compressed | undefined;

function wards(): Compressed {
  wardsBody ??= compress(JSON.stringify(mapBackground(readWards())), 'application/geo+json');
  return wardsBody;
}

export interface PlacesEntry {
  version: string;
  places: MapPlaces;
  body: Compressed;
}

const memos = new WeakMap<object, Map<Locale, PlacesEntry>>();

/**
 * The map's places for the context's language, computed once per registry version and language and shared by
 * the API route and the pages of one app (keyed by its change tracker, the same object in every plugin scope).
 */
export async function placesOf(app: FastifyInstance, ctx: Ctx): Promise<PlacesEntry> {
  let memo = memos.get(app.changeTracker);
  if (!memo) memos.set(app.changeTracker, (memo = new Map<Locale, PlacesEntry>()));
  const version = app.changeTracker.version();
  const hit = memo.get(ctx.locale);
  if (hit?.version === version) return hit;
  const places = await mapPlaces(ctx, app.publicUrl);
  const entry = {
    version,
    places,
    body: compress(JSON.stringify(places), 'application/json; charset=utf-8'),
  };
  memo.set(ctx.locale, entry);
  return entry;
}

/**
 * The data of the map: GET /api/v1/map/points (every sales point and craft village with a point, in the
 * reader's language) and the ward outlines, both sent compressed with a validator.
 */
export const mapDataRoutes: FastifyPluginAsync = (app) => {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  typed.get(
    MAP_POINTS_URL,
    {
      schema: {
        summary: 'Every sales point and craft village with a point for the map, in the language asked',
        tags: ['map'],
        querystring: Type.Object(
          {
            lang: Type.Optional(
              Type.Union([Type.Literal('vi'), Type.Literal('en')], {
                description:
                  'The language of names and page addresses, over Accept-Language: the map page asks in its own ' +
                  'language with an address it can preload.',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: MapPointsSchema, ...ErrorResponses },
      },
    },
    async (request, reply) => {
      const locale = request.query.lang ?? request.ctx.locale;
      const { body } = await placesOf(app, { ...request.ctx, locale });
      void reply.header('vary', 'accept-language, accept-encoding');
      return sendCompressed(request, reply, body, 'public, max-age=300');
    },
  );
  typed.get(WARDS_URL, { schema: { hide: true } }, (request, reply) =>
    sendCompressed(request, reply, wards(), 'public, max-age=86400, stale-while-revalidate=604800'),
  );
  return Promise.resolve();
};
