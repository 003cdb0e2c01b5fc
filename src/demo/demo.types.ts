import type {
  CertificateTable,
  CraftVillageTable,
  ProducerTable,
  ProductTable,
  SalesPointProductTable,
  SalesPointTable,
} from '../db/schema.js';

/** An old (pre-July-2025) commune that the 2025 commune took over, in whole or in part. */
export interface OldUnitRef {
  /** "Xã Bát Tràng" */
  fullName: string;
  /** "Huyện Gia Lâm" */
  districtFullName: string;
}

/** A commune or ward in force (the 2025 units), as the generator needs it. */
export interface CommuneRef {
  /** The 2025 code, which is also the admin_units id ("00577"). */
  id: string;
  /** "Bát Tràng" */
  name: string;
  /** "Xã Bát Tràng" */
  fullName: string;
  /** "Xã" or "Phường". */
  kind: string;
  old: OldUnitRef[];
  /** Polygons of the commune, each a list of rings of [lon, lat]; used for approximate sales point positions. */
  polygons?: Array<Array<Array<[number, number]>>>;
}

export interface ScorecardRef {
  id: number;
  sectorCode: string;
  nameVi: string;
  nameEn: string;
}

export interface DemoInput {
  seed: number;
  products: number;
  communes: CommuneRef[];
  scorecards: ScorecardRef[];
  /** YYYY-MM-DD: the date the demonstration is built for; every timestamp and certificate age derives from it. */
  today: string;
}

/** Row objects exactly as inserted, in an order that satisfies the foreign keys. */
export interface DemoData {
  producers: ProducerTable[];
  craftVillages: CraftVillageTable[];
  products: ProductTable[];
  /** Certificates that supersede others come before the ones they supersede. */
  certificates: CertificateTable[];
  salesPoints: SalesPointTable[];
  salesPointProducts: SalesPointProductTable[];
}

export interface DemoSummary {
  producers: number;
  products: number;
  certificates: number;
  craftVillages: number;
  salesPoints: number;
  stocked: number;
  ms: number;
}

/** Appended to every visible description so that nobody mistakes the demonstration for the register. */
export const DEMO_LABEL_VI = ' (Dữ liệu minh họa)';
export const DEMO_LABEL_EN = ' (Demonstration data)';
