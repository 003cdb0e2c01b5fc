import { ProducerInput } from '../catalog/producer.service.js';
import { ProductInput } from '../catalog/product.service.js';
import { expiryOf } from '../certificates/certificate.js';
import { IssueCertificateInput } from '../certificates/certificate.service.js';
import { ValidationError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { validate } from '../core/validate.js';
import { Compile } from 'typebox/compile';
import { randomBytes } from 'node:crypto';
import { fold } from './cells.js';
import type { CertificateTable, ProducerTable, ProductTable } from '../db/schema.js';
import type { ImportRow, RowProblem } from './import-row.js';
import type { AuditDraft, ExistingProducer, ExistingProduct } from './import.repository.js';

/**
 * Matching the rows of a file against the registry, in memory, in file order: a producer by folded name and
 * commune (or by registration number when the row gives one) is reused, never duplicated; a product by
 * producer and folded name (the scorecard breaks ties); a certificate by its number. The result is the list
 * of writes and, per row, what it does. Every new record passes the services' own input schemas.
 */
export type RowAction = 'create' | 'update' | 'unchanged' | 'review' | 'error';

export interface Snapshot {
  producers: ExistingProducer[];
  products: ExistingProduct[];
  certificates: CertificateTable[];
}

export interface Update {
  table: 'producers' | 'products' | 'certificates';
  id: string;
  patch: Record<string, unknown>;
}

export interface Writes {
  producers: ProducerTable[];
  products: ProductTable[];
  certificates: CertificateTable[];
  updates: Update[];
  audit: AuditDraft[];
}

export interface RowPlan {
  line: number;
  action: 'create' | 'update' | 'unchanged' | 'error';
  errors: RowProblem[];
  productId?: string;
}

interface ProducerRef {
  id: string;
  communeId: string;
  registration: string | null;
  isNew: boolean;
}

interface ProductRef {
  id: string;
  producerId: string;
  nameVi: string;
  folded: string;
  scorecardId: number;
  currentId: string | null;
  currentIssuedOn: string | null;
  isNew: boolean;
}

export class ImportPlanner {
  private readonly producersByKey = new Map<string, ProducerRef[]>();
  private readonly producersByRegistration = new Map<string, ProducerRef>();
  private readonly productsByProducer = new Map<string, ProductRef[]>();
  private readonly certificates = new Map<string, CertificateTable & { line?: number }>();
  private readonly newProducers = new Map<string, ProducerTable>();
  private readonly newProducts = new Map<string, ProductTable>();
  private readonly newCertificates = new Map<string, CertificateTable>();
  private readonly updates = new Map<string, Update>();
  private readonly audit: AuditDraft[] = [];

  constructor(
    snapshot: Snapshot,
    private readonly now: string,
  ) {
    const producers = [...snapshot.producers].sort(
      (a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
    );
    for (const p of producers) {
      const ref = { id: p.id, communeId: p.commune_id, registration: p.registration_number, isNew: false };
      push(this.producersByKey, `${p.name_folded}|${p.commune_id}`, ref);
      if (p.registration_number !== null && !this.producersByRegistration.has(p.registration_number))
        this.producersByRegistration.set(p.registration_number, ref);
    }
    for (const p of snapshot.products) {
      push(this.productsByProducer, p.producer_id, {
        id: p.id,
        producerId: p.producer_id,
        nameVi: p.name_vi,
        folded: p.name_folded,
        scorecardId: p.scorecard_id,
        currentId: p.current_certificate_id,
        currentIssuedOn: p.current_issued_on,
        isNew: false,
      });
    }
    for (const c of snapshot.certificates) this.certificates.set(c.number, c);
  }

  /** Plans one row; nothing is recorded for a row that ends in an error. */
  add(row: ImportRow): RowPlan {
    const problems = schemaProblems(row);
    if (problems.length > 0) return { line: row.line, action: 'error', errors: problems };
    const producer = this.findProducer(row);
    const product = producer ? this.findProduct(producer.id, row) : undefined;
    const cert = this.certificates.get(row.certificateNumber);
    if (cert) {
      if (cert.line !== undefined) return error(row.line, duplicate(row.certificateNumber, cert.line));
      if (cert.product_id !== product?.id) return error(row.line, takenNumber(row.certificateNumber));
    }
    const created = !producer || !product;
    let changed = false;
    const producerRef = producer ?? this.createProducer(row);
    if (producer && row.registrationNumber !== null && producer.registration === null && !producer.isNew) {
      producer.registration = row.registrationNumber;
      this.patch(
        'producers',
        producer.id,
        { registration_number: row.registrationNumber },
        'producer.update',
      );
      changed = true;
    }
    const productRef = product ?? this.createProduct(row, producerRef.id);
    if (product && !product.isNew) changed = this.refreshProduct(product, row) || changed;
    if (cert) changed = this.refreshCertificate(cert, row) || changed;
    else {
      this.issue(productRef, row);
      changed = true;
    }
    return {
      line: row.line,
      action: created ? 'create' : changed ? 'update' : 'unchanged',
      errors: [],
      productId: productRef.id,
    };
  }

  writes(): Writes {
    return {
      producers: [...this.newProducers.values()],
      products: [...this.newProducts.values()],
      certificates: [...this.newCertificates.values()],
      updates: [...this.updates.values()],
      audit: this.audit,
    };
  }

  private findProducer(row: ImportRow): ProducerRef | undefined {
    if (row.registrationNumber !== null) {
      const byNumber = this.producersByRegistration.get(row.registrationNumber);
      if (byNumber) return byNumber;
    }
    return this.producersByKey.get(`${fold(row.producerName)}|${row.communeId}`)?.[0];
  }

  private findProduct(producerId: string, row: ImportRow): ProductRef | undefined {
    const folded = fold(row.productName);
    const named = (this.productsByProducer.get(producerId) ?? []).filter((p) => p.folded === folded);
    return named.find((p) => p.scorecardId === row.scorecardId) ?? named[0];
  }

  private createProducer(row: ImportRow): ProducerRef {
    const id = newId('pdc', pooledRandom);
    const record: ProducerTable = {
      id,
      name: row.producerName,
      name_folded: fold(row.producerName),
      legal_form: row.legalForm,
      registration_number: row.registrationNumber,
      representative: null,
      representative_is_woman: 0,
      phone: null,
      email: null,
      website: null,
      address: row.address,
      old_address: row.oldAddress,
      commune_id: row.communeId,
      demo: 0,
      created_at: this.now,
      updated_at: this.now,
    };
    this.newProducers.set(id, record);
    const ref = { id, communeId: row.communeId, registration: row.registrationNumber, isNew: true };
    push(this.producersByKey, `${record.name_folded}|${row.communeId}`, ref);
    if (row.registrationNumber !== null) this.producersByRegistration.set(row.registrationNumber, ref);
    this.audit.push({
      action: 'producer.create',
      entityType: 'producer',
      entityId: id,
      changes: producerInput(row),
    });
    return ref;
  }

  private createProduct(row: ImportRow, producerId: string): ProductRef {
    const id = newId('prd', pooledRandom);
    const record: ProductTable = {
      id,
      name_vi: row.productName,
      name_en: null,
      name_folded: fold(row.productName),
      description_vi: null,
      description_en: null,
      scorecard_id: row.scorecardId,
      producer_id: producerId,
      commune_id: row.communeId,
      craft_village_id: null,
      images: '[]',
      unit: null,
      price_vnd: null,
      current_certificate_id: null,
      demo: 0,
      created_at: this.now,
      updated_at: this.now,
    };
    this.newProducts.set(id, record);
    const ref: ProductRef = {
      id,
      producerId,
      nameVi: row.productName,
      folded: record.name_folded,
      scorecardId: row.scorecardId,
      currentId: null,
      currentIssuedOn: null,
      isNew: true,
    };
    push(this.productsByProducer, producerId, ref);
    this.audit.push({
      action: 'product.create',
      entityType: 'product',
      entityId: id,
      changes: {
        nameVi: row.productName,
        scorecardId: row.scorecardId,
        producerId,
        communeId: row.communeId,
      },
    });
    return ref;
  }

  /** A matched product takes the file's spelling of its name and its scorecard. */
  private refreshProduct(product: ProductRef, row: ImportRow): boolean {
    const patch: Record<string, unknown> = {};
    if (product.nameVi !== row.productName) patch.name_vi = row.productName;
    if (product.scorecardId !== row.scorecardId) patch.scorecard_id = row.scorecardId;
    if (Object.keys(patch).length === 0) return false;
    product.nameVi = row.productName;
    product.scorecardId = row.scorecardId;
    this.patch('products', product.id, patch, 'product.update');
    return true;
  }

  /** The same certificate number again: unchanged when identical, else corrected in place. */
  private refreshCertificate(cert: CertificateTable & { line?: number }, row: ImportRow): boolean {
    cert.line = row.line;
    const wanted = {
      stars: row.stars,
      score: row.score,
      level: row.level,
      decision_number: row.decisionNumber,
      decision_date: row.decisionDate,
      issued_on: row.issuedOn,
      expires_on: expiryOf(row.issuedOn),
    };
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(wanted)) {
      if (cert[k as keyof typeof wanted] !== v) patch[k] = v;
    }
    if (Object.keys(patch).length === 0) return false;
    Object.assign(cert, patch);
    this.patch('certificates', cert.id, patch, 'certificate.update');
    return true;
  }

  /**
   * A new certificate becomes the product's current one and supersedes the previous — unless the product
   * already holds a later one (an older appendix imported late), in which case it enters as superseded.
   */
  private issue(product: ProductRef, row: ImportRow): void {
    const id = newId('crt', pooledRandom);
    const record: CertificateTable & { line?: number } = {
      id,
      number: row.certificateNumber,
      product_id: product.id,
      stars: row.stars,
      score: row.score,
      level: row.level,
      decision_number: row.decisionNumber,
      decision_date: row.decisionDate,
      issued_on: row.issuedOn,
      expires_on: expiryOf(row.issuedOn),
      revoked_on: null,
      revocation_reason: null,
      superseded_by_id: null,
      demo: 0,
      created_at: this.now,
      updated_at: this.now,
    };
    let supersedes: string | null = null;
    if (product.currentId !== null && (product.currentIssuedOn ?? '') > row.issuedOn) {
      record.superseded_by_id = product.currentId;
    } else {
      supersedes = product.currentId;
      // Foreign keys are checked per statement: superseding links are updates made after every insert.
      if (supersedes !== null) this.patch('certificates', supersedes, { superseded_by_id: id }, null);
      product.currentId = id;
      product.currentIssuedOn = row.issuedOn;
      const planned = this.newProducts.get(product.id);
      if (planned) planned.current_certificate_id = id;
      else this.patch('products', product.id, { current_certificate_id: id }, null);
    }
    this.newCertificates.set(id, record);
    this.certificates.set(record.number, { ...record, line: row.line });
    this.audit.push({
      action: 'certificate.issue',
      entityType: 'certificate',
      entityId: id,
      changes: { ...certificateInput(row, product.id), supersedes },
    });
  }

  private patch(
    table: Update['table'],
    id: string,
    patch: Record<string, unknown>,
    action: string | null,
  ): void {
    const key = `${table}:${id}`;
    const update = this.updates.get(key) ?? { table, id, patch: {} };
    Object.assign(update.patch, patch, { updated_at: this.now });
    this.updates.set(key, update);
    if (action !== null) {
      this.audit.push({ action, entityType: table.slice(0, -1), entityId: id, changes: { ...patch } });
    }
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function error(line: number, problem: RowProblem): RowPlan {
  return { line, action: 'error', errors: [problem] };
}

function duplicate(number: string, line: number): RowProblem {
  return {
    field: 'row',
    message: `trùng với dòng ${line} (cùng giấy chứng nhận ${number})`,
    messageEn: `duplicate of line ${line} (same certificate ${number})`,
  };
}

function takenNumber(number: string): RowProblem {
  return {
    field: 'certificateNumber',
    message: `số giấy chứng nhận ${number} đã thuộc một sản phẩm khác`,
    messageEn: `certificate number ${number} already belongs to another product`,
  };
}

function producerInput(row: ImportRow) {
  return {
    name: row.producerName,
    legalForm: row.legalForm,
    ...(row.registrationNumber === null ? {} : { registrationNumber: row.registrationNumber }),
    address: row.address,
    ...(row.oldAddress === null ? {} : { oldAddress: row.oldAddress }),
    communeId: row.communeId,
  };
}

function certificateInput(row: ImportRow, productId: string) {
  return {
    productId,
    number: row.certificateNumber,
    stars: row.stars,
    ...(row.score === null ? {} : { score: row.score }),
    level: row.level,
    decisionNumber: row.decisionNumber,
    decisionDate: row.decisionDate,
    issuedOn: row.issuedOn,
  };
}

/** Ids for thousands of records: one draw of randomness per 1,024 ids instead of one each. */
let pool = Buffer.alloc(0);
let at = 0;
function pooledRandom(n: number): Uint8Array {
  if (at + n > pool.length) {
    pool = randomBytes(16 * 1024);
    at = 0;
  }
  at += n;
  return pool.subarray(at - n, at);
}

const COMPILED = new Map<unknown, { Check(value: unknown): boolean }>(
  [ProducerInput, ProductInput, IssueCertificateInput].map((schema) => [schema, Compile(schema)] as const),
);

/**
 * The services' own boundary schemas, so an imported record obeys the same rules as one typed in; compiled
 * for speed, with the services' `validate` naming the fields only when a check fails.
 */
function schemaProblems(row: ImportRow): RowProblem[] {
  const out: RowProblem[] = [];
  const check = (schema: Parameters<typeof validate>[0], input: unknown) => {
    if (COMPILED.get(schema)?.Check(input)) return;
    try {
      validate(schema, input);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const d of e.details) {
        out.push({ field: 'row', message: d.message, messageEn: d.messageEn ?? d.message });
      }
    }
  };
  check(ProducerInput, producerInput(row));
  check(ProductInput, {
    nameVi: row.productName,
    scorecardId: row.scorecardId,
    producerId: 'pending',
    communeId: row.communeId,
  });
  check(IssueCertificateInput, certificateInput(row, 'pending'));
  return out;
}
