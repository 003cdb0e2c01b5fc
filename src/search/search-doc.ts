import type { CertificateState } from '../certificates/certificate.js';

/** What search finds: the four public record types. */
export const SEARCH_TYPES = ['product', 'producer', 'craftVillage', 'salesPoint'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * The fields of a record, strongest first; a word found in several fields counts once, at its strongest.
 * Names dominate, then the entities a buyer names with a product (its village, its producer, its place,
 * old place names included), then categories, then the description.
 */
export const FIELDS = [
  'name',
  'nameEn',
  'village',
  'producer',
  'place',
  'oldPlace',
  'category',
  'text',
] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_WEIGHT: readonly number[] = [10, 8, 5, 5, 4, 3, 3, 1];

export interface Ref {
  id: string;
  name: string;
}

/** A record as the index sees it, built by the search repository; the database stays the source of truth. */
export interface SearchDoc {
  type: SearchType;
  id: string;
  name: string;
  nameEn: string | null;
  /** Text per field (normalized on the way in by the services). */
  text: Partial<Record<Field, string>>;
  commune: Ref;
  producer: Ref | null;
  /** Products only: the current certificate's stars (null when revoked or absent), sector code. */
  stars: number | null;
  sector: string | null;
  /** Products only: the current certificate's dates; its status is computed at query time. */
  certificate: CertificateState | null;
}

export const docKey = (type: SearchType, id: string) => `${type}:${id}`;

/** A record as the index keeps it once its words are indexed. */
export type IndexedDoc = Omit<SearchDoc, 'text'>;
