/**
 * The OCOP criteria sets: the model (criteria.model.ts), the CSV parser (criteria.parser.ts), the validator
 * (criteria.validator.ts) and the reviewed corrections with the loader that refuses bad data
 * (criteria.corrections.ts). Pure TypeScript: no SQL, no HTTP. Callers import this one module.
 */
export * from './criteria.model.js';
export { parseCriteriaCsv, type ParseResult } from './criteria.parser.js';
export { validateCriteriaSet } from './criteria.validator.js';
export {
  applyCorrections,
  loadCriteriaSet,
  parseCorrectionsFile,
  type AppliedCorrection,
  type ApplyResult,
  type Correction,
  type CorrectionsFile,
  type LoadedCriteriaSet,
} from './criteria.corrections.js';
