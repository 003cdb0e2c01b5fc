import { redirectWithNotice } from './registry.pages.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { scopeOf } from '../accounts/policy.js';
import { producerChoices, productForEdit, staffProducer } from '../catalog/catalog-staff.service.js';
import { createProduct, updateProduct } from '../catalog/product.service.js';
import type { Ctx } from '../core/context.js';
import { ForbiddenError } from '../core/errors.js';
import { publicUrls } from '../core/public-urls.js';
import { SCORECARDS } from '../scorecards/taxonomy.js';
import { t, type Text } from '../views/format.js';
import { html } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { fieldErrors, formValue, requireStaff } from './bo-context.js';
import { CAT, mayCreateSomewhere, queryValue, scopedCommuneOptions, villageOptions } from './catalog-ui.js';
import { boPage, csrfField, errorSummary, field, selectField, type BoView } from './layout.js';

const BASE = '/admin/products';
const REQUIRED = ['nameVi', 'producerId', 'communeId'] as const;
const OPTIONAL = ['nameEn', 'descriptionVi', 'descriptionEn', 'unit', 'craftVillageId'] as const;

type Values = Record<string, string | undefined>;

const LABELS: Record<string, Text> = {
  nameVi: { vi: 'Tên sản phẩm (tiếng Việt)', en: 'Product name (Vietnamese)' },
  nameEn: { vi: 'Tên tiếng Anh', en: 'English name' },
  descriptionVi: { vi: 'Mô tả (tiếng Việt)', en: 'Description (Vietnamese)' },
  descriptionEn: { vi: 'Mô tả (tiếng Anh)', en: 'Description (English)' },
  scorecardId: CAT.scorecard,
  producerId: CAT.producer,
  producerCode: { vi: 'Mã chủ thể (pdc_…)', en: 'Producer code (pdc_…)' },
  communeId: { vi: 'Xã/phường (mã 2025)', en: 'Commune (2025 code)' },
  craftVillageId: CAT.craftVillage,
  unit: { vi: 'Đơn vị tính', en: 'Unit' },
  priceVnd: { vi: 'Giá (đồng)', en: 'Price (VND)' },
};

/** Numbers as typed ("125.000" is 125000 in Vietnamese); anything else goes to the service to be refused. */
function numberOrText(v: string | undefined): number | string | undefined {
  if (v === undefined) return undefined;
  const digits = v.replace(/[.\s]/g, '');
  return /^\d{1,12}$/.test(digits) ? Number(digits) : v;
}

/** As the producer form: an empty optional field is left out of a new product and clears an existing one's. */
function productInput(body: unknown, editing: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of REQUIRED) out[name] = formValue(body, name) ?? '';
  for (const name of OPTIONAL) {
    const v = formValue(body, name);
    if (v !== undefined || editing) out[name] = v ?? null;
  }
  out.scorecardId = numberOrText(formValue(body, 'scorecardId')) ?? '';
  const price = numberOrText(formValue(body, 'priceVnd'));
  if (price !== undefined || editing) out.priceVnd = price ?? null;
  return out;
}

function valuesOf(body: unknown): Values {
  const out: Values = {};
  for (const name of [...REQUIRED, ...OPTIONAL, 'scorecardId', 'priceVnd']) out[name] = formValue(body, name);
  return out;
}

interface FormOptions {
  action: string;
  title: Text | string;
  values: Values;
  errors: Record<string, string>;
  status: number;
}

async function producerControl(view: BoView, ctx: Ctx, o: FormOptions) {
  const l = view.locale;
  const choices = await producerChoices(ctx);
  if (choices === null) {
    return field({
      name: 'producerId',
      label: t(l, LABELS.producerCode ?? CAT.producer),
      value: o.values.producerId,
      error: o.errors.producerId,
      required: true,
    });
  }
  const options = choices.map((c) => ({ value: c.id, label: c.name }));
  // A producer's account has one choice, itself: the select is fixed to it.
  return selectField({
    name: 'producerId',
    label: t(l, CAT.producer),
    value: o.values.producerId ?? (options.length === 1 ? options[0]?.value : undefined),
    error: o.errors.producerId,
    required: true,
    options,
    ...(options.length === 1 ? {} : { blank: '—' }),
  });
}

async function renderForm(reply: FastifyReply, view: BoView, ctx: Ctx, o: FormOptions) {
  const l = view.locale;
  const v = o.values;
  const communeIds = v.communeId ? [v.communeId] : scopeOf(ctx.actor, 'product').communeIds;
  const [communes, villages, producer] = await Promise.all([
    scopedCommuneOptions(ctx, 'product'),
    villageOptions(ctx, communeIds),
    producerControl(view, ctx, o),
  ]);
  const text = (name: string, extra: Partial<Parameters<typeof field>[0]> = {}) =>
    field({ name, label: t(l, LABELS[name] ?? CAT.name), value: v[name], error: o.errors[name], ...extra });
  const body = html`${errorSummary(view, o.errors)}
    <form method="post" action="${o.action}" novalidate>
      ${csrfField(view)} ${text('nameVi', { required: true })} ${text('nameEn')} ${producer}
      ${selectField({ name: 'scorecardId', label: t(l, CAT.scorecard), value: v.scorecardId, error: o.errors.scorecardId, required: true, blank: '—', options: SCORECARDS.map((s) => ({ value: String(s.id), label: `${String(s.id)}. ${l === 'en' ? s.nameEn : s.nameVi}` })) })}
      ${selectField({ name: 'communeId', label: t(l, LABELS.communeId ?? CAT.commune), value: v.communeId, error: o.errors.communeId, required: true, blank: '—', options: communes })}
      ${villages.length ? selectField({ name: 'craftVillageId', label: t(l, CAT.craftVillage), value: v.craftVillageId, error: o.errors.craftVillageId, blank: t(l, CAT.noVillage), options: villages }) : v.craftVillageId ? html`<input type="hidden" name="craftVillageId" value="${v.craftVillageId}" />` : ''}
      ${text('unit')} ${text('priceVnd', { attrs: html` inputmode="numeric"` })}
      ${text('descriptionVi', { type: 'textarea' })} ${text('descriptionEn', { type: 'textarea' })}
      <p><button type="submit">${t(l, BO.save)}</button> <a href="${BASE}">${t(l, BO.cancel)}</a></p>
    </form>`;
  return reply
    .status(o.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(boPage(view, { title: o.title, active: 'products', body }));
}

/** /admin/products/new and /admin/products/:id/edit. */
export function productFormPages(app: FastifyInstance): void {
  app.get('/products/new', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    if (!mayCreateSomewhere(ctx.actor, 'product')) throw new ForbiddenError();
    const producerId = queryValue(request.query, 'producerId');
    const producer =
      producerId === undefined
        ? null
        : await staffProducer(ctx, producerId, publicUrls(app.publicUrl, view.locale));
    const values: Values = producer ? { producerId: producer.id, communeId: producer.commune.id } : {};
    return renderForm(reply, view, ctx, {
      action: BASE,
      title: CAT.newProduct,
      values,
      errors: {},
      status: 200,
    });
  });

  app.post('/products', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    try {
      const id = await createProduct(ctx, productInput(request.body, false));
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, CAT.created));
    } catch (error) {
      const errors = fieldErrors(error, view.locale);
      if (!errors) throw error;
      return renderForm(reply, view, ctx, {
        action: BASE,
        title: CAT.newProduct,
        values: valuesOf(request.body),
        errors,
        status: 400,
      });
    }
  });

  app.get<{ Params: { id: string } }>('/products/:id/edit', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const p = await productForEdit(ctx, request.params.id);
    const values: Values = {
      nameVi: p.name_vi,
      nameEn: p.name_en ?? undefined,
      descriptionVi: p.description_vi ?? undefined,
      descriptionEn: p.description_en ?? undefined,
      scorecardId: String(p.scorecard_id),
      producerId: p.producer_id,
      communeId: p.commune_id,
      craftVillageId: p.craft_village_id ?? undefined,
      unit: p.unit ?? undefined,
      priceVnd: p.price_vnd === null ? undefined : String(p.price_vnd),
    };
    return renderForm(reply, view, ctx, {
      action: `${BASE}/${p.id}/edit`,
      title: `${t(view.locale, CAT.editProduct)}: ${p.name_vi}`,
      values,
      errors: {},
      status: 200,
    });
  });

  app.post<{ Params: { id: string } }>('/products/:id/edit', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const id = request.params.id;
    try {
      await updateProduct(ctx, id, productInput(request.body, true));
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, CAT.saved));
    } catch (error) {
      const errors = fieldErrors(error, view.locale);
      if (!errors) throw error;
      return renderForm(reply, view, ctx, {
        action: `${BASE}/${id}/edit`,
        title: CAT.editProduct,
        values: valuesOf(request.body),
        errors,
        status: 400,
      });
    }
  });
}
