/**
 * Product families: the raw material of the demonstration catalogue. A family is a kind of product that one
 * producer makes (pottery of Bát Tràng, eggs, rice wine…), with its scorecard, names in both languages,
 * packaging variants, price range and, for the famous ones, the place and craft village it belongs to.
 */

/** [Vietnamese, English] */
export type Pair = readonly [string, string];

/** The crafts of Hà Nội's craft villages, with the share of villages that practise each. */
export const CRAFTS = {
  food: { vi: 'chế biến nông sản, thực phẩm', en: 'food and farm-produce processing', weight: 30 },
  rattan: { vi: 'mây tre đan', en: 'rattan and bamboo weaving', weight: 18 },
  wood: { vi: 'mộc, điêu khắc gỗ', en: 'woodwork and carving', weight: 12 },
  garment: { vi: 'may mặc, thêu ren', en: 'tailoring and embroidery', weight: 10 },
  weaving: { vi: 'dệt', en: 'weaving', weight: 5 },
  ceramics: { vi: 'gốm sứ', en: 'ceramics', weight: 2 },
  lacquer: { vi: 'sơn mài, khảm trai', en: 'lacquer and mother-of-pearl inlay', weight: 5 },
  plants: { vi: 'sinh vật cảnh', en: 'flowers and ornamental plants', weight: 7 },
  folk: { vi: 'nón lá, đồ chơi dân gian', en: 'conical hats and folk toys', weight: 3 },
  metal: { vi: 'cơ kim khí, đúc đồng', en: 'metalwork and bronze casting', weight: 4 },
  leather: { vi: 'da giày, túi xách', en: 'leather goods', weight: 2 },
  construction: { vi: 'xây dựng, chạm khắc đá', en: 'building and stone carving', weight: 2 },
} as const;

export type CraftCode = keyof typeof CRAFTS;

/**
 * Where a famous product comes from. `commune` is the 2025 code when reference/places knows it; otherwise the
 * old commune and district locate it through the old→new mapping.
 */
export interface PlaceHint {
  commune?: string;
  oldCommune?: string;
  oldDistrict: string;
  /** The village (thôn) the product is named after, used in addresses: "Ước Lễ". */
  hamlet?: string;
}

export interface ProductFamily {
  key: string;
  scorecard: number;
  /** The trade in a producer's name: "HTX Gốm sứ Bát Tràng Minh Hải". */
  trade: Pair;
  /** Product names; "{place}" becomes the producer's commune for families without a fixed place. */
  items: readonly Pair[];
  variants: readonly Pair[];
  unit: string;
  /** Inclusive price range in VND. */
  price: readonly [number, number];
  blurb: Pair;
  /** Relative share of producers making this family. */
  weight: number;
  place?: PlaceHint;
  /** Label used for producer names when the family has a fixed place ("Bát Tràng", "Ba Vì"). */
  label?: string;
  /** The famous craft village this family belongs to (created on the place's commune). */
  village?: { name: Pair; craft: CraftCode; since: number };
  /** Products of generic families of this craft link to a craft village of the same craft. */
  craft?: CraftCode;
}
