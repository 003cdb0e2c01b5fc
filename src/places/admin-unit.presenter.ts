import { Type, type Static } from 'typebox';
import { Nullable } from '../http/schemas.js';
import { isValidOn, type AdminUnitRow, type UnitRef } from './admin-unit.js';
import type { LinkedUnit } from './admin-unit.repository.js';
import type { Resolution } from './address-resolver.js';

const Level = Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')]);
const LinkKindSchema = Type.Union([Type.Literal('full'), Type.Literal('partial')]);

const UnitFields = {
  id: Type.String({ description: 'The code for units in force; `code@lastDay` for units that ended.' }),
  code: Type.String({ description: 'Official GSO code.' }),
  level: Level,
  kind: Type.String({ description: 'Thành phố, Quận, Huyện, Thị xã, Phường, Xã, Thị trấn…' }),
  name: Type.String(),
  fullName: Type.String(),
  nameEn: Type.String(),
  provinceCode: Type.String(),
  parentId: Nullable(Type.String()),
  validFrom: Nullable(
    Type.String({ description: 'First day in force (YYYY-MM-DD); null when earlier than the data.' }),
  ),
  validTo: Nullable(Type.String({ description: 'Last day in force (YYYY-MM-DD); null while in force.' })),
  current: Type.Boolean({ description: 'In force today (Asia/Ho_Chi_Minh).' }),
};

export const AdminUnitSchema = Type.Object(UnitFields, { $id: 'AdministrativeUnit' });
export type AdminUnitDto = Static<typeof AdminUnitSchema>;

export const UnitRefSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  fullName: Type.String(),
  level: Level,
});

const LinkedUnitSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  fullName: Type.String(),
  kind: LinkKindSchema,
  confirmed: Type.Boolean({ description: 'False when the official text does not name this link.' }),
  source: Type.String(),
});

export const AdminUnitDetailSchema = Type.Object(
  {
    ...UnitFields,
    parent: Nullable(UnitRefSchema),
    source: Type.String(),
    successors: Type.Array(LinkedUnitSchema),
    predecessors: Type.Array(LinkedUnitSchema),
  },
  { $id: 'AdministrativeUnitDetail' },
);
export type AdminUnitDetailDto = Static<typeof AdminUnitDetailSchema>;

export const ResolutionSchema = Type.Union(
  [
    Type.Object({ status: Type.Literal('resolved'), commune: UnitRefSchema, via: Type.Array(UnitRefSchema) }),
    Type.Object({
      status: Type.Literal('split'),
      candidates: Type.Array(Type.Object({ ...UnitRefSchema.properties, kind: LinkKindSchema })),
      via: Type.Array(UnitRefSchema),
    }),
    Type.Object({ status: Type.Literal('ambiguous'), matches: Type.Array(UnitRefSchema) }),
    Type.Object({ status: Type.Literal('not_found'), suggestions: Type.Array(UnitRefSchema) }),
  ],
  { $id: 'AddressResolution' },
);

export function presentAdminUnit(row: AdminUnitRow, today: string): AdminUnitDto {
  return {
    id: row.id,
    code: row.code,
    level: row.level,
    kind: row.kind,
    name: row.name,
    fullName: row.full_name,
    nameEn: row.name_en,
    provinceCode: row.province_code,
    parentId: row.parent_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    current: isValidOn(row, today),
  };
}

function presentLinked(row: LinkedUnit): Static<typeof LinkedUnitSchema> {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    fullName: row.full_name,
    kind: row.link_kind,
    confirmed: row.confirmed === 1,
    source: row.link_source,
  };
}

export function presentAdminUnitDetail(
  row: AdminUnitRow,
  related: { parent: UnitRef | null; successors: LinkedUnit[]; predecessors: LinkedUnit[] },
  today: string,
): AdminUnitDetailDto {
  return {
    ...presentAdminUnit(row, today),
    parent: related.parent,
    source: row.source,
    successors: related.successors.map(presentLinked),
    predecessors: related.predecessors.map(presentLinked),
  };
}

/** The resolver already speaks in camelCase UnitRefs; this pins the API shape to the schema. */
export function presentResolution(r: Resolution): Static<typeof ResolutionSchema> {
  return r;
}
