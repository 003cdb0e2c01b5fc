import type { Locale } from '../core/context.js';
import { LOCATION_TYPES, SALES_POINT_CHECKLIST } from '../sales-points/location-types.js';
import type { SalesPointDto } from '../sales-points/sales-point.presenter.js';
import { t, type Text } from '../views/format.js';
import { html, raw, type SafeHtml } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { formValue } from './bo-context.js';
import { checkboxField, csrfField, field, selectField, type BoView } from './layout.js';
import { numberOrText } from './registry.pages.js';
import { ST } from './registry.text.js';

/** The sales point's form: values as typed, their conversion to the service's input, and the markup. */

export function locationTypeOptions(l: Locale) {
  return LOCATION_TYPES.map((lt) => ({ value: lt.code, label: lt[l] }));
}

type TextField =
  | 'name'
  | 'locationType'
  | 'address'
  | 'communeId'
  | 'latitude'
  | 'longitude'
  | 'operator'
  | 'phone'
  | 'email'
  | 'website'
  | 'openingHours'
  | 'craftVillageId';

export type SalesPointValues = Partial<Record<TextField, string>> & {
  tourismLinked?: boolean;
  checklist: string[];
};

export function valuesOf(p: SalesPointDto): SalesPointValues {
  return {
    name: p.name,
    locationType: p.locationType.code,
    address: p.address,
    communeId: p.commune.id,
    latitude: p.location ? String(p.location.lat) : undefined,
    longitude: p.location ? String(p.location.lon) : undefined,
    operator: p.operator ?? undefined,
    phone: p.phone ?? undefined,
    email: p.email ?? undefined,
    website: p.website ?? undefined,
    openingHours: p.openingHours ?? undefined,
    craftVillageId: p.craftVillage?.id,
    tourismLinked: p.tourismLinked,
    checklist: Object.entries(p.checklist)
      .filter(([, v]) => v)
      .map(([k]) => k),
  };
}

/** Form values → the service's input; on edit, an emptied optional field clears it (null). */
export function toInput(v: SalesPointValues, patch: boolean): Record<string, unknown> {
  const optional = (value: unknown) => (value === undefined ? (patch ? null : undefined) : value);
  const input: Record<string, unknown> = {
    name: v.name ?? '',
    locationType: v.locationType ?? '',
    address: v.address ?? '',
    communeId: v.communeId ?? '',
    latitude: optional(numberOrText(v.latitude)),
    longitude: optional(numberOrText(v.longitude)),
    operator: optional(v.operator),
    phone: optional(v.phone),
    email: optional(v.email),
    website: optional(v.website),
    openingHours: optional(v.openingHours),
    craftVillageId: optional(v.craftVillageId),
    tourismLinked: v.tourismLinked ?? false,
    checklist: Object.fromEntries(SALES_POINT_CHECKLIST.map((c) => [c.code, v.checklist.includes(c.code)])),
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

/**
 * The point's form. The location is two plain inputs (enough without JavaScript); the map-picker island, when
 * the page loads it, draws the ward outlines, moves a marker with the inputs and fills them on a click.
 */
export function salesPointForm(
  view: BoView,
  action: string,
  cancel: string,
  v: SalesPointValues,
  errors: Record<string, string>,
  communes: Array<{ value: string; label: string }>,
): SafeHtml {
  const l = view.locale;
  const f = (name: TextField, label: Text, extra: Partial<Parameters<typeof field>[0]> = {}) =>
    field({ name, label: t(l, label), value: v[name], error: errors[name], ...extra });
  const coordinate = raw(' inputmode="decimal" step="any"');
  return html`<form method="post" action="${action}" novalidate>
    ${csrfField(view)} ${f('name', ST.name, { required: true })}
    ${selectField({ name: 'locationType', label: t(l, ST.locationType), value: v.locationType, error: errors.locationType, required: true, blank: '', options: locationTypeOptions(l) })}
    ${f('address', ST.address, { required: true })}
    ${selectField({ name: 'communeId', label: t(l, ST.commune), value: v.communeId, error: errors.communeId, required: true, blank: '', options: communes })}
    <fieldset>
      <legend>${t(l, ST.location)}</legend>
      <p class="hint">${t(l, ST.locationHint)}</p>
      ${f('latitude', ST.latitude, { type: 'number', attrs: coordinate })}
      ${f('longitude', ST.longitude, { type: 'number', attrs: coordinate })}
      <div
        data-island="map-picker"
        data-lat-input="f-latitude"
        data-lng-input="f-longitude"
        data-commune-input="f-communeId"
      ></div>
    </fieldset>
    <fieldset>
      <legend>${t(l, ST.checklist)}</legend>
      ${SALES_POINT_CHECKLIST.map((c) => checkboxField({ name: `checklist_${c.code}`, label: c[l], checked: v.checklist.includes(c.code) }))}
    </fieldset>
    <fieldset>
      <legend>${t(l, ST.contact)}</legend>
      ${f('operator', ST.operator)} ${f('phone', ST.phone, { type: 'tel', autocomplete: 'tel' })}
      ${f('email', ST.email, { type: 'email', autocomplete: 'email' })}
      ${f('website', ST.website, { type: 'url' })}
      ${f('openingHours', ST.openingHours, { hint: t(l, ST.openingHint) })}
    </fieldset>
    ${checkboxField({ name: 'tourismLinked', label: t(l, ST.tourismLinked), checked: v.tourismLinked ?? false })}
    ${f('craftVillageId', ST.craftVillageId, { hint: t(l, ST.craftVillageHint) })}
    <button type="submit">${t(l, BO.save)}</button> <a href="${cancel}">${t(l, BO.cancel)}</a>
  </form>`;
}

export function valuesFromForm(body: unknown): SalesPointValues {
  const names = [
    'name',
    'locationType',
    'address',
    'communeId',
    'latitude',
    'longitude',
    'operator',
    'phone',
    'email',
    'website',
    'openingHours',
    'craftVillageId',
  ] as const;
  const out: SalesPointValues = {
    tourismLinked: formValue(body, 'tourismLinked') === '1',
    checklist: SALES_POINT_CHECKLIST.filter((c) => formValue(body, `checklist_${c.code}`) === '1').map(
      (c) => c.code,
    ),
  };
  for (const n of names) out[n] = formValue(body, n);
  return out;
}
