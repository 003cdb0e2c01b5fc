/**
 * Table types for Kysely. Portable on SQLite and PostgreSQL (docs/decisions/0002-portable-schema.md):
 * dates are ISO `YYYY-MM-DD` text, timestamps ISO-8601 UTC text, booleans integer 0/1, JSON text,
 * money integer VND, ids opaque text.
 */

import type { Generated } from 'kysely';

export type Bool = 0 | 1;

export interface AdminUnitTable {
  /** The 2025 code for units in force; `code@validTo` for units that ended (e.g. `10318@2024-12-31`). */
  id: string;
  code: string;
  level: 'province' | 'district' | 'commune';
  /** Thành phố, Tỉnh, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn, Đặc khu. */
  kind: string;
  name: string;
  full_name: string;
  name_en: string;
  /** foldVi(name), for accent-insensitive look-ups. */
  name_folded: string;
  parent_id: string | null;
  province_code: string;
  valid_from: string | null;
  valid_to: string | null;
  source: string;
}

export interface AdminUnitLinkTable {
  old_id: string;
  new_id: string;
  kind: 'full' | 'partial';
  /** 0 where the official text does not confirm the link (see reference/README.md). */
  confirmed: Bool;
  source: string;
}

export interface SectorTable {
  code: string;
  name_vi: string;
  name_en: string;
  position: number;
}

export interface ScorecardTable {
  id: number;
  sector_code: string;
  name_vi: string;
  name_en: string;
  current_version: string;
}

export interface CriteriaSetTable {
  id: string;
  scorecard_id: number;
  version: string;
  /** The validated, corrected criteria tree as JSON (scorecards/criteria.ts: CriteriaSet). */
  content: string;
  /** Corrections applied at load, as JSON [{ rule, target, reason }]. */
  corrections: string;
  loaded_at: string;
}

export interface ProducerTable {
  id: string;
  name: string;
  name_folded: string;
  legal_form: string;
  registration_number: string | null;
  representative: string | null;
  representative_is_woman: Bool;
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string;
  /** The address as written before the 2025 reform, kept verbatim. */
  old_address: string | null;
  commune_id: string;
  demo: Bool;
  created_at: string;
  updated_at: string;
}

export interface CraftVillageTable {
  id: string;
  name: string;
  name_folded: string;
  commune_id: string;
  craft: string;
  recognized: Bool;
  traditional: Bool;
  recognition_decision: string | null;
  recognition_year: number | null;
  description: string | null;
  demo: Bool;
  created_at: string;
  updated_at: string;
}

export interface ProductTable {
  id: string;
  name_vi: string;
  name_en: string | null;
  name_folded: string;
  description_vi: string | null;
  description_en: string | null;
  scorecard_id: number;
  producer_id: string;
  commune_id: string;
  craft_village_id: string | null;
  /** JSON array of image paths or URLs. */
  images: string;
  unit: string | null;
  price_vnd: number | null;
  /** The newest certificate that is not superseded; kept by the certificate service. */
  current_certificate_id: string | null;
  demo: Bool;
  created_at: string;
  updated_at: string;
}

/**
 * The current certificate's facts, copied onto its product by database triggers (migration 0011) so that lists
 * filter and sort by them on one table. Never written by the code: Generated keeps them out of inserts.
 */
export interface CurrentCertificateColumns {
  cur_stars: Generated<number | null>;
  cur_score: Generated<number | null>;
  cur_expires_on: Generated<string | null>;
  cur_revoked_on: Generated<string | null>;
  cur_superseded_by_id: Generated<string | null>;
}

export interface CertificateTable {
  id: string;
  number: string;
  product_id: string;
  stars: number;
  score: number | null;
  level: 'district' | 'province' | 'central';
  decision_number: string;
  decision_date: string;
  issued_on: string;
  expires_on: string;
  revoked_on: string | null;
  revocation_reason: string | null;
  superseded_by_id: string | null;
  /** The expiry watch's last announced stage: '180' | '90' | '30' | 'expired' (src/certificates/expiry-watch.ts). */
  watch_stage?: string | null;
  demo: Bool;
  created_at: string;
  updated_at: string;
}

export interface SalesPointTable {
  id: string;
  name: string;
  name_folded: string;
  /** One of Decision 950/QĐ-BCT's location types (sales-points/sales-point.ts). */
  location_type: string;
  address: string;
  commune_id: string;
  latitude: number | null;
  longitude: number | null;
  operator: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  opening_hours: string | null;
  tourism_linked: Bool;
  craft_village_id: string | null;
  /** JSON: the Decision 950 compliance checklist { item: boolean }. */
  checklist: string;
  demo: Bool;
  created_at: string;
  updated_at: string;
}

export interface SalesPointProductTable {
  sales_point_id: string;
  product_id: string;
  /**
   * Units left at the sales point for pickup (the shop, migration 0009). Optional: the registry's inserts take the
   * column's default, 0.
   */
  quantity?: number;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  /** JSON: the changed fields, before and after. */
  changes: string;
  request_id: string | null;
}

/** One import of a spreadsheet (src/imports/), dry run or applied. */
export interface ImportRunTable {
  id: string;
  file_name: string;
  sha256: string;
  size_bytes: number;
  actor: string;
  mode: 'dry-run' | 'apply';
  started_at: string;
  finished_at: string;
  /** JSON: { create, update, unchanged, review, error }. */
  summary: string;
  applied_rows: number;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface DB {
  admin_units: AdminUnitTable;
  admin_unit_links: AdminUnitLinkTable;
  sectors: SectorTable;
  scorecards: ScorecardTable;
  criteria_sets: CriteriaSetTable;
  producers: ProducerTable;
  craft_villages: CraftVillageTable;
  products: ProductTable & CurrentCertificateColumns;
  certificates: CertificateTable;
  sales_points: SalesPointTable;
  sales_point_products: SalesPointProductTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
  import_runs: ImportRunTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  one_time_tokens: OneTimeTokenTable;
  sign_in_attempts: SignInAttemptTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  product_images: ProductImageTable;
  evaluation_rounds: EvaluationRoundTable;
  council_sessions: CouncilSessionTable;
  council_members: CouncilMemberTable;
  decisions: DecisionTable;
  applications: ApplicationTable;
  application_documents: ApplicationDocumentTable;
  application_events: ApplicationEventTable;
  conflicts: ConflictTable;
  score_sheets: ScoreSheetTable;
  product_stock: ProductStockTable;
  producer_payees: ProducerPayeeTable;
  orders: OrderTable;
  sub_orders: SubOrderTable;
  order_lines: OrderLineTable;
  sub_order_events: SubOrderEventTable;
  baskets: BasketTable;
}

export interface UserTable {
  id: string;
  /** Lower-cased, trimmed. */
  email: string;
  name: string;
  /** scrypt (src/accounts/password.ts); null until an invited user sets one. */
  password_hash: string | null;
  status: 'active' | 'invited' | 'disabled';
  locale: 'vi' | 'en';
  locked_until: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  id: string;
  user_id: string;
  role: string;
  scope_id: string | null;
}

export interface SessionTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string | null;
  ip: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface OneTimeTokenTable {
  id: string;
  user_id: string;
  purpose: 'invite' | 'reset';
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SignInAttemptTable {
  id: string;
  email: string;
  at: string;
  succeeded: number;
  ip: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: string;
  /** queued → sent | failed; 'outbox' when no SMTP is configured (administrators read it in the back office). */
  status: 'queued' | 'sent' | 'failed' | 'outbox';
  sent_at: string | null;
  error: string | null;
}

export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface ProductImageTable {
  id: string;
  product_id: string;
  position: number;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  created_at: string;
}

export interface EvaluationRoundTable {
  id: string;
  year: number;
  seq: number;
  name: string;
  /** Last day an application is filed into this round. */
  cutoff: string;
  status: 'open' | 'closed';
  created_at: string;
  updated_at: string;
}

export interface CouncilSessionTable {
  id: string;
  round_id: string;
  name: string;
  meets_on: string;
  state: 'forming' | 'open' | 'closed';
  opened_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CouncilMemberTable {
  session_id: string;
  user_id: string;
  chair: Bool;
  present: Bool;
}

export interface DecisionTable {
  id: string;
  round_id: string | null;
  level: 'province' | 'central';
  number: string;
  date: string;
  signer_title: string | null;
  signer_name: string | null;
  created_at: string;
}

export interface ApplicationTable {
  id: string;
  round_id: string | null;
  product_id: string;
  producer_id: string;
  commune_id: string;
  kind: string;
  scorecard_id: number;
  criteria_set_id: string | null;
  criteria_version: string | null;
  sample_count: number;
  state: string;
  previous_certificate_id: string | null;
  /** JSON: the commune's assessment (evaluation/dossier.ts CommuneAssessment). */
  commune_assessment: string | null;
  /** The advisory group's site visit (required for scorecard 26, tourism). */
  site_visit_on: string | null;
  session_id: string | null;
  /** JSON array of criterion ids whose knock-out note the council found to apply. */
  knock_outs: string;
  discussed_at: string | null;
  discussion_note: string | null;
  /** JSON: the council's result (scoring/council.ts), kept as computed at the session's close. */
  result: string | null;
  score: number | null;
  stars: number | null;
  decision_id: string | null;
  certificate_id: string | null;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ApplicationDocumentTable {
  id: string;
  application_id: string;
  kind: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  uploaded_by: string;
  created_at: string;
}

export interface ApplicationEventTable {
  id: string;
  application_id: string;
  event: string;
  from_state: string;
  to_state: string;
  actor: string;
  reason: string | null;
  at: string;
}

export interface ConflictTable {
  id: string;
  application_id: string;
  user_id: string;
  reason: string;
  declared_by: string;
  created_at: string;
}

export interface ScoreSheetTable {
  id: string;
  application_id: string;
  session_id: string;
  member_id: string;
  /** JSON: criterion id → option id. */
  answers: string;
  state: 'draft' | 'submitted';
  total: number | null;
  /** JSON: the answers before the discussion, when the member re-scored. */
  rescored_from: string | null;
  submitted_at: string | null;
  updated_at: string;
}

// The shop (issue 9, migration 0009). ---------------------------------------------------------------------------

export interface ProductStockTable {
  product_id: string;
  /** Units the producer can sell for shipping now; never below 0 (a check constraint holds it). */
  quantity: number;
  updated_at: string;
}

/** Where a producer's VietQR transfers go. */
export interface ProducerPayeeTable {
  producer_id: string;
  /** NAPAS 6-digit BIN. */
  bank_bin: string;
  account_number: string;
  account_name: string | null;
  updated_at: string;
}

export interface OrderTable {
  id: string;
  /** What the buyer quotes: `YYMM` and 6 random Crockford characters, e.g. `2611A7K3QX`. */
  number: string;
  customer_name: string;
  /** Normalized Vietnamese mobile, 0xxxxxxxxx. */
  phone: string;
  email: string | null;
  delivery_method: 'ship' | 'pickup';
  /** JSON `{ line, communeId }` when shipped. */
  address: string | null;
  commune_id: string | null;
  sales_point_id: string | null;
  payment: 'cod' | 'vietqr';
  total_vnd: number;
  idempotency_key: string;
  /** sha256 of the request body in canonical form: a replay with another body is refused. */
  request_hash: string;
  /** The buyer's language at checkout; null for orders placed before it was kept (mails in both languages). */
  locale: 'vi' | 'en' | null;
  created_at: string;
}

export interface SubOrderTable {
  id: string;
  order_id: string;
  /** 1, 2, … in the order producers first appear in the basket (the `P1` of the transfer memo). */
  seq: number;
  producer_id: string;
  total_vnd: number;
  status: string;
  payment_status: string;
  ship_before_payment: Bool;
  vietqr_payload: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrderLineTable {
  id: string;
  sub_order_id: string;
  product_id: string;
  /** The product's name when sold. */
  name: string;
  unit_price_vnd: number;
  quantity: number;
}

export interface SubOrderEventTable {
  id: string;
  sub_order_id: string;
  event: string;
  /** Null on the `place` event that opens the history. */
  from_status: string | null;
  to_status: string;
  from_payment: string | null;
  to_payment: string;
  actor: string;
  reason: string | null;
  at: string;
}

/** A signed-in buyer's basket (migration 0010): the lines as `prd_a:2,prd_b:1`. */
export interface BasketTable {
  user_id: string;
  lines: string;
  updated_at: string;
}
