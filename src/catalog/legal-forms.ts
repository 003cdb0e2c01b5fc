/**
 * Legal forms of an OCOP producer entity (chủ thể OCOP): enterprises under the Law on Enterprises,
 * cooperatives and cooperative groups, and registered household businesses.
 */
export interface LegalForm {
  code: LegalFormCode;
  vi: string;
  en: string;
}

export type LegalFormCode = 'dntn' | 'tnhh1' | 'tnhh2' | 'cophan' | 'htx' | 'tohoptac' | 'hokinhdoanh';

export const LEGAL_FORMS: readonly LegalForm[] = [
  { code: 'dntn', vi: 'Doanh nghiệp tư nhân', en: 'Private enterprise' },
  { code: 'tnhh1', vi: 'Công ty TNHH một thành viên', en: 'Single-member limited liability company' },
  {
    code: 'tnhh2',
    vi: 'Công ty TNHH hai thành viên trở lên',
    en: 'Limited liability company with two or more members',
  },
  { code: 'cophan', vi: 'Công ty cổ phần', en: 'Joint-stock company' },
  { code: 'htx', vi: 'Hợp tác xã', en: 'Cooperative' },
  { code: 'tohoptac', vi: 'Tổ hợp tác', en: 'Cooperative group' },
  { code: 'hokinhdoanh', vi: 'Hộ kinh doanh', en: 'Household business' },
];

export function isLegalFormCode(code: string): code is LegalFormCode {
  return LEGAL_FORMS.some((f) => f.code === code);
}
