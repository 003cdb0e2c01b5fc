/**
 * Documents of the evaluation workflow (issue 8): the certificate of a product and the appendix of the
 * province's decision. Pure: values in, bytes out, no database and no clock.
 */
export { certificatePdf, type CertificateDocument } from './certificate.js';
export { decisionAppendixPdf } from './appendix-pdf.js';
export { decisionAppendixXlsx } from './appendix-xlsx.js';
export type { DecisionDocument, DecisionRow } from './appendix.js';
