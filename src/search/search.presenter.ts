import { Type, type Static } from 'typebox';
import type { Locale } from '../core/context.js';
import type { PublicUrls } from '../core/public-urls.js';
import type { IndexedDoc, SearchDoc } from './search-doc.js';
import type { Hit } from './search-index.js';

const SearchTypeSchema = Type.Union([
  Type.Literal('product'),
  Type.Literal('producer'),
  Type.Literal('craftVillage'),
  Type.Literal('salesPoint'),
]);
const RefSchema = Type.Object({ id: Type.String(), name: Type.String() });

export const SearchItemSchema = Type.Object({
  type: SearchTypeSchema,
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  stars: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
  producer: Type.Optional(RefSchema),
  commune: Type.Optional(RefSchema),
  score: Type.Number({ description: 'Relevance; only the order within one answer is meaningful.' }),
});

const FacetValues = Type.Array(
  Type.Object({ value: Type.String(), label: Type.Optional(Type.String()), count: Type.Integer() }),
);

export const SearchResponseSchema = Type.Object({
  items: Type.Array(SearchItemSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  limit: Type.Integer(),
  facets: Type.Object({ type: FacetValues, stars: FacetValues, sector: FacetValues, commune: FacetValues }),
  tookMs: Type.Number({ description: 'Time spent in the server, in milliseconds.' }),
});

export const SuggestResponseSchema = Type.Object({
  items: Type.Array(
    Type.Object({ text: Type.String(), type: SearchTypeSchema, id: Type.String(), url: Type.String() }),
  ),
  tookMs: Type.Number(),
});

export type SearchItem = Static<typeof SearchItemSchema>;
export type SearchResponse = Static<typeof SearchResponseSchema>;
export type SuggestResponse = Static<typeof SuggestResponseSchema>;

const URL_OF: Record<SearchDoc['type'], keyof PublicUrls> = {
  product: 'product',
  producer: 'producer',
  craftVillage: 'craftVillage',
  salesPoint: 'salesPoint',
};

function nameOf(doc: IndexedDoc, locale: Locale): string {
  return locale === 'en' && doc.nameEn !== null ? doc.nameEn : doc.name;
}

export function presentHit(hit: Hit, urls: PublicUrls, locale: Locale): SearchItem {
  const { doc } = hit;
  // The OCOP badge (stars) only while the certificate is in force: an expired or revoked product shows none.
  const stars = hit.status === 'valid' || hit.status === 'expiring' ? doc.stars : null;
  return {
    type: doc.type,
    id: doc.id,
    name: nameOf(doc, locale),
    url: urls[URL_OF[doc.type]](doc.id),
    ...(stars !== null ? { stars } : {}),
    ...(doc.producer ? { producer: doc.producer } : {}),
    commune: doc.commune,
    score: Math.round(hit.score * 1000) / 1000,
  };
}

export function presentSuggestion(hit: Hit, urls: PublicUrls, locale: Locale) {
  const { doc } = hit;
  return { text: nameOf(doc, locale), type: doc.type, id: doc.id, url: urls[URL_OF[doc.type]](doc.id) };
}
