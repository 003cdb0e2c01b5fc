import { redirectWithNotice } from './registry.pages.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { producerForEdit } from '../catalog/catalog-staff.service.js';
import { LEGAL_FORMS } from '../catalog/legal-forms.js';
import { createProducer, updateProducer } from '../catalog/producer.service.js';
import type { Ctx } from '../core/context.js';
import { t } from '../views/format.js';
import { html } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { fieldErrors, formValue, requireStaff } from './bo-context.js';
import { CAT, mayCreateSomewhere, scopedCommuneOptions } from './catalog-ui.js';
import { boPage, checkboxField, csrfField, errorSummary, field, selectField, type BoView } from './layout.js';
import { ForbiddenError } from '../core/errors.js';

const BASE = '/admin/producers';
/** Routes are registered inside the /admin plugin. */
const ROUTE = '/producers';
const TEXT_FIELDS = [
  'registrationNumber',
  'representative',
  'phone',
  'email',
  'website',
  'oldAddress',
] as const;
const REQUIRED = ['name', 'legalForm', 'address', 'communeId'] as const;

type Values = Record<string, string | boolean | undefined>;

/**
 * A posted form as the service's input: required fields as given (empty → a field error); an empty optional
 * field is left out of a new record and clears the field of an existing one.
 */
function producerInput(body: unknown, editing: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of REQUIRED) out[name] = formValue(body, name) ?? '';
  for (const name of TEXT_FIELDS) {
    const v = formValue(body, name);
    if (v !== undefined || editing) out[name] = v ?? null;
  }
  out.representativeIsWoman = formValue(body, 'representativeIsWoman') === '1';
  return out;
}

const LABELS = {
  name: { vi: 'Tên chủ thể', en: 'Name' },
  legalForm: CAT.legalForm,
  registrationNumber: { vi: 'Mã số doanh nghiệp / đăng ký kinh doanh', en: 'Registration number' },
  representative: { vi: 'Người đại diện', en: 'Representative' },
  representativeIsWoman: { vi: 'Người đại diện là phụ nữ', en: 'The representative is a woman' },
  phone: { vi: 'Điện thoại', en: 'Phone' },
  email: { vi: 'E-mail', en: 'E-mail' },
  website: { vi: 'Trang web', en: 'Website' },
  address: { vi: 'Địa chỉ', en: 'Address' },
  oldAddress: { vi: 'Địa chỉ trước sắp xếp 2025', en: 'Address before the 2025 reform' },
  communeId: { vi: 'Xã/phường (mã 2025)', en: 'Commune (2025 code)' },
};

async function renderForm(
  reply: FastifyReply,
  view: BoView,
  ctx: Ctx,
  o: {
    action: string;
    title: { vi: string; en: string } | string;
    values: Values;
    errors: Record<string, string>;
    status: number;
  },
) {
  const l = view.locale;
  const communes = await scopedCommuneOptions(ctx, 'producer');
  const v = (name: string) => {
    const value = o.values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const text = (name: keyof typeof LABELS, extra: Partial<Parameters<typeof field>[0]> = {}) =>
    field({ name, label: t(l, LABELS[name]), value: v(name), error: o.errors[name], ...extra });
  const body = html`${errorSummary(view, o.errors)}
    <form method="post" action="${o.action}" novalidate>
      ${csrfField(view)} ${text('name', { required: true })}
      ${selectField({ name: 'legalForm', label: t(l, LABELS.legalForm), value: v('legalForm'), error: o.errors.legalForm, required: true, blank: '—', options: LEGAL_FORMS.map((f) => ({ value: f.code, label: f[l] })) })}
      ${text('registrationNumber')} ${text('representative')}
      ${checkboxField({ name: 'representativeIsWoman', label: t(l, LABELS.representativeIsWoman), checked: o.values.representativeIsWoman === true })}
      ${text('phone', { type: 'tel', autocomplete: 'off' })}
      ${text('email', { type: 'email', autocomplete: 'off' })} ${text('website', { type: 'url' })}
      ${text('address', { required: true })} ${text('oldAddress')}
      ${selectField({ name: 'communeId', label: t(l, LABELS.communeId), value: v('communeId'), error: o.errors.communeId, required: true, blank: '—', options: communes })}
      <p><button type="submit">${t(l, BO.save)}</button> <a href="${BASE}">${t(l, BO.cancel)}</a></p>
    </form>`;
  return reply
    .status(o.status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(boPage(view, { title: o.title, active: 'producers', body }));
}

function valuesOf(body: unknown): Values {
  const out: Values = {};
  for (const name of [...REQUIRED, ...TEXT_FIELDS]) out[name] = formValue(body, name);
  out.representativeIsWoman = formValue(body, 'representativeIsWoman') === '1';
  return out;
}

/** /admin/producers/new and /admin/producers/:id/edit: forms validated by the service, errors next to fields. */
export function producerFormPages(app: FastifyInstance): void {
  app.get(`${ROUTE}/new`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    if (!mayCreateSomewhere(ctx.actor, 'producer')) throw new ForbiddenError();
    return renderForm(reply, view, ctx, {
      action: BASE,
      title: CAT.newProducer,
      values: {},
      errors: {},
      status: 200,
    });
  });

  app.post(ROUTE, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    try {
      const id = await createProducer(ctx, producerInput(request.body, false));
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, CAT.created));
    } catch (error) {
      const errors = fieldErrors(error, view.locale);
      if (!errors) throw error;
      return renderForm(reply, view, ctx, {
        action: BASE,
        title: CAT.newProducer,
        values: valuesOf(request.body),
        errors,
        status: 400,
      });
    }
  });

  app.get<{ Params: { id: string } }>(`${ROUTE}/:id/edit`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const p = await producerForEdit(ctx, request.params.id);
    const values: Values = {
      name: p.name,
      legalForm: p.legal_form,
      registrationNumber: p.registration_number ?? undefined,
      representative: p.representative ?? undefined,
      phone: p.phone ?? undefined,
      email: p.email ?? undefined,
      website: p.website ?? undefined,
      address: p.address,
      oldAddress: p.old_address ?? undefined,
      communeId: p.commune_id,
      representativeIsWoman: p.representative_is_woman === 1,
    };
    return renderForm(reply, view, ctx, {
      action: `${BASE}/${p.id}/edit`,
      title: `${t(view.locale, CAT.editProducer)}: ${p.name}`,
      values,
      errors: {},
      status: 200,
    });
  });

  app.post<{ Params: { id: string } }>(`${ROUTE}/:id/edit`, async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const id = request.params.id;
    try {
      await updateProducer(ctx, id, producerInput(request.body, true));
      return await redirectWithNotice(reply, `${BASE}/${id}`, t(view.locale, CAT.saved));
    } catch (error) {
      const errors = fieldErrors(error, view.locale);
      if (!errors) throw error;
      return renderForm(reply, view, ctx, {
        action: `${BASE}/${id}/edit`,
        title: CAT.editProducer,
        values: valuesOf(request.body),
        errors,
        status: 400,
      });
    }
  });
}
