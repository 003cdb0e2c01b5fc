import { sectorOf } from '../scorecards/taxonomy.js';
import type { Text } from '../views/format.js';

/**
 * The dossier of an application (hồ sơ, step 1 of the July 2025 procedure, ../shared/domain/OCOP.md): typed
 * documents and product samples. Plain rules, no I/O.
 */
export const DOCUMENT_KINDS = [
  'registration_form',
  'business_plan',
  'business_registration',
  'production_licence',
  'quality_declaration',
  'food_safety',
  'traceability',
  'intellectual_property',
  'material_contracts',
  'environment',
  'accounting',
  'marketing',
  'product_story',
  'awards',
  'self_assessment',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_LABELS: Record<DocumentKind, Text> = {
  registration_form: { vi: 'Phiếu đăng ký sản phẩm', en: 'Registration form' },
  business_plan: { vi: 'Phương án / kế hoạch kinh doanh', en: 'Business plan' },
  business_registration: { vi: 'Giấy đăng ký kinh doanh', en: 'Business registration' },
  production_licence: { vi: 'Giấy phép sản xuất', en: 'Production licence' },
  quality_declaration: { vi: 'Bản công bố chất lượng / tiêu chuẩn', en: 'Quality declaration' },
  food_safety: {
    vi: 'Phiếu kiểm nghiệm, chứng nhận an toàn thực phẩm',
    en: 'Food-safety tests and certificate',
  },
  traceability: { vi: 'Mã vạch, truy xuất nguồn gốc', en: 'Barcode and traceability' },
  intellectual_property: { vi: 'Sở hữu trí tuệ (nhãn hiệu)', en: 'Intellectual property (trademark)' },
  material_contracts: { vi: 'Hợp đồng, liên kết nguyên liệu', en: 'Raw-material contracts' },
  environment: { vi: 'Hồ sơ môi trường', en: 'Environmental records' },
  accounting: { vi: 'Sổ sách kế toán', en: 'Accounting records' },
  marketing: { vi: 'Tài liệu quảng bá, tiếp thị', en: 'Marketing material' },
  product_story: { vi: 'Câu chuyện sản phẩm', en: 'Product story' },
  awards: { vi: 'Giải thưởng, chứng nhận khác', en: 'Awards and other certificates' },
  self_assessment: { vi: 'Phiếu tự đánh giá', en: 'Self-assessment form' },
  other: { vi: 'Tài liệu khác', en: 'Other document' },
};

/** The tourism scorecard: a site visit instead of product samples. */
export const TOURISM_SCORECARD = 26;
/** Samples a physical product's dossier brings (5 product samples). */
export const REQUIRED_SAMPLES = 5;

/**
 * Documents without which the commune cannot check the dossier: the registration form, the business plan and the
 * business registration for every product; the food-safety evidence for the sectors that are eaten or drunk
 * (food, drinks, herbal products). The other kinds are evidence the council scores on, not a condition.
 */
export function requiredDocuments(scorecardId: number): DocumentKind[] {
  const base: DocumentKind[] = ['registration_form', 'business_plan', 'business_registration'];
  const sector = sectorOf(scorecardId);
  if (sector === 'I' || sector === 'II' || sector === 'III') base.push('food_safety');
  return base;
}

export function isTourism(scorecardId: number): boolean {
  return scorecardId === TOURISM_SCORECARD;
}

export interface DossierProblem {
  field: string;
  message: string;
  messageEn: string;
}

/** What stops a dossier from being submitted: missing documents, a wrong sample count. */
export function dossierProblems(
  scorecardId: number,
  documentKinds: readonly string[],
  sampleCount: number,
): DossierProblem[] {
  const problems: DossierProblem[] = [];
  const have = new Set(documentKinds);
  for (const kind of requiredDocuments(scorecardId)) {
    if (!have.has(kind)) {
      problems.push({
        field: `documents.${kind}`,
        message: `thiếu ${DOCUMENT_LABELS[kind].vi.toLowerCase()}`,
        messageEn: `${DOCUMENT_LABELS[kind].en.toLowerCase()} is missing`,
      });
    }
  }
  if (isTourism(scorecardId)) {
    if (sampleCount !== 0) {
      problems.push({
        field: 'sampleCount',
        message: 'dịch vụ du lịch không nộp mẫu (thẩm định tại chỗ)',
        messageEn: 'a tourism service brings no samples (a site visit instead)',
      });
    }
  } else if (sampleCount < REQUIRED_SAMPLES) {
    problems.push({
      field: 'sampleCount',
      message: `cần ${String(REQUIRED_SAMPLES)} mẫu sản phẩm`,
      messageEn: `${String(REQUIRED_SAMPLES)} product samples are required`,
    });
  }
  return problems;
}

/** The commune's assessment (step 2): the four facts it vouches for before proposing the product. */
export interface CommuneAssessment {
  /** Origin of the product and of its materials is local. */
  origin: boolean;
  /** Uses local labour. */
  localLabour: boolean;
  /** Origin of the idea. */
  idea: boolean;
  /** Carries local identity. */
  identity: boolean;
  note: string | null;
}

export const ASSESSMENT_LABELS: Record<Exclude<keyof CommuneAssessment, 'note'>, Text> = {
  origin: { vi: 'Nguồn gốc sản phẩm và nguyên liệu', en: 'Origin of the product and its materials' },
  localLabour: { vi: 'Sử dụng lao động địa phương', en: 'Uses local labour' },
  idea: { vi: 'Nguồn gốc ý tưởng sản phẩm', en: 'Origin of the product idea' },
  identity: { vi: 'Bản sắc địa phương', en: 'Local identity' },
};

/** Accepted upload types, recognized by their first bytes, never by the name the browser sent. */
export function sniffDocumentType(bytes: Uint8Array): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  const at = (i: number) => bytes[i];
  if (at(0) === 0x25 && at(1) === 0x50 && at(2) === 0x44 && at(3) === 0x46 && at(4) === 0x2d)
    return 'application/pdf';
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if (at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47) return 'image/png';
  return null;
}

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
