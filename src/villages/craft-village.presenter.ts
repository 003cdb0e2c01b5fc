import { Type, type Static } from 'typebox';
import type { PublicUrls } from '../core/public-urls.js';
import { Nullable } from '../http/schemas.js';
import type { CraftVillageRow } from './craft-village.repository.js';

export const CraftVillageSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    name: Type.String(),
    craft: Type.String(),
    recognized: Type.Boolean(),
    traditional: Type.Boolean(),
    recognitionDecision: Nullable(Type.String()),
    recognitionYear: Nullable(Type.Integer()),
    description: Nullable(Type.String()),
    commune: Type.Object({ id: Type.String(), name: Type.String() }),
    productCount: Type.Integer(),
    demo: Type.Boolean(),
  },
  { $id: 'CraftVillage' },
);
export type CraftVillageDto = Static<typeof CraftVillageSchema>;

export function presentCraftVillage(row: CraftVillageRow, urls: PublicUrls): CraftVillageDto {
  return {
    id: row.id,
    url: urls.craftVillage(row.id),
    name: row.name,
    craft: row.craft,
    recognized: row.recognized === 1,
    traditional: row.traditional === 1,
    recognitionDecision: row.recognition_decision,
    recognitionYear: row.recognition_year,
    description: row.description,
    commune: { id: row.commune_id, name: row.commune_name },
    productCount: row.product_count,
    demo: row.demo === 1,
  };
}
