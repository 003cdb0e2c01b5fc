import { normalizeVi } from '../core/vi-text.js';
import { S1_END, S2_START, type AdminUnitLinkRow, type AdminUnitRow, type LinkKind } from './admin-unit.js';
import type { BuiltUnits } from './admin-unit.snapshots.js';
import type { MergeEntry, SplitEntry } from './reference-files.js';

/**
 * Links between periods. S2 → S3 comes from the dvhcvn mapping, each link checked against the official
 * "before the merger" text of sapnhap.bando.com.vn. S1 → S2 has no official list in the data, so only
 * what the lists themselves show is linked, as unconfirmed inferences; the rest is reported.
 */
export const LINK_SOURCES = {
  mapping: 'dvhcvn/20250701 dd94887',
  codeKept: 'inferred: code kept by successor',
  nameKept: 'inferred: name kept by successor in the same district',
  namePart: "inferred: name is part of the successor's name",
} as const;

export interface MappingInputs {
  splits: SplitEntry[];
  merges: MergeEntry[];
  /** New commune code → the official "trước sáp nhập" text. */
  bando: Map<string, string>;
}

export interface BuiltLinks {
  links: AdminUnitLinkRow[];
  defects: string[];
}

/**
 * Lower case, one tone style, punctuation as spaces, padded for whole-word search. Marks are kept on
 * purpose: folding would take "Xã Sơn Đông" in the text for "Xã Sơn Đồng", another commune.
 */
function textKey(s: string): string {
  return ` ${normalizeVi(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** True when the official text names the old commune (by its name without prefix). */
export function mentions(officialText: string, oldName: string): boolean {
  return textKey(officialText).includes(textKey(oldName));
}

function describe(u: AdminUnitRow): string {
  return `${u.full_name} (${u.code})`;
}

/** S2 → S3 links from the mapping, with the cross-checks the data README asks for. */
export function mappingLinks(units: BuiltUnits, input: MappingInputs): BuiltLinks {
  const kinds = new Map<string, LinkKind>();
  for (const m of input.merges) for (const o of m.merges) kinds.set(`${o.old_id}>${m.level2_id}`, o.type);
  const texts = new Map([...input.bando].map(([code, text]) => [code, textKey(text)]));
  const links: AdminUnitLinkRow[] = [];
  const defects: string[] = [];
  for (const entry of input.splits) {
    const old = units.s2.get(entry.level3_id);
    if (!old) {
      defects.push(`mapping: old commune ${entry.level3_id} ${entry.name} is not in the 2025-06-30 list`);
      continue;
    }
    for (const split of entry.splits) {
      const target = units.s3.get(split.new_id);
      if (!target) {
        defects.push(
          `mapping: new code ${split.new_id} ${split.name} (from ${describe(old)}) is not in the 2025 list`,
        );
        continue;
      }
      const kind = kinds.get(`${old.code}>${target.code}`);
      if (!kind)
        defects.push(`mapping: ${describe(old)} → ${describe(target)} has no merges entry; taken as partial`);
      const text = texts.get(target.code);
      const confirmed = text !== undefined && text.includes(textKey(old.name));
      if (!confirmed) {
        defects.push(
          `unconfirmed link: ${describe(old)} → ${describe(target)} (${kind ?? 'partial'}): ` +
            `the sapnhap.bando text of ${target.full_name} does not name it`,
        );
      }
      links.push({
        old_id: old.id,
        new_id: target.id,
        kind: kind ?? 'partial',
        confirmed: confirmed ? 1 : 0,
        source: LINK_SOURCES.mapping,
      });
    }
  }
  defects.push(...coverage(units, links, kinds));
  return { links, defects };
}

/** Every old commune needs a successor and every new one a predecessor; both files must agree. */
function coverage(units: BuiltUnits, links: AdminUnitLinkRow[], kinds: Map<string, LinkKind>): string[] {
  const defects: string[] = [];
  const olds = new Set(links.map((l) => l.old_id));
  const news = new Set(links.map((l) => l.new_id));
  for (const u of units.s2.values()) {
    if (!olds.has(u.id)) defects.push(`mapping: ${describe(u)} has no successor after 2025-07-01`);
  }
  for (const u of units.s3.values()) {
    if (!news.has(u.id)) defects.push(`mapping: ${describe(u)} has no predecessor`);
  }
  const codeOf = (id: string) => id.split('@')[0] ?? id;
  const linked = new Set(links.map((l) => `${codeOf(l.old_id)}>${codeOf(l.new_id)}`));
  for (const key of kinds.keys()) {
    if (!linked.has(key)) defects.push(`mapping: merges has ${key} but splits does not`);
  }
  return defects;
}

/**
 * S1 → S2 links for the communes that ended on 2024-12-31, where the lists show the successor:
 * 1. its code lives on under another name (10318 Sơn Hà → 10318 Quang Hà);
 * 2. a commune new on 2025-01-01 in the same district took its name (00223 Thịnh Quang → 00235);
 * 3. a new commune's hyphenated name contains it (Quốc Tử Giám → Văn Miếu - Quốc Tử Giám).
 * Rules 2 and 3 apply only when exactly one commune fits. Nothing else is guessed.
 */
export function inferredLinks(units: BuiltUnits): BuiltLinks {
  const links: AdminUnitLinkRow[] = [];
  const defects: string[] = [];
  const created = [...units.s2.values()].filter((u) => u.valid_from === S2_START);
  const districtName = new Map(
    units.units.filter((u) => u.level === 'district').map((u) => [u.id, u.full_name]),
  );
  for (const old of units.s1.values()) {
    if (old.valid_to !== S1_END) continue;
    const found = successorOf(old, units.s2, created);
    if (found) {
      links.push({ old_id: old.id, new_id: found.unit.id, kind: 'full', confirmed: 0, source: found.source });
      continue;
    }
    const district = districtName.get(old.parent_id ?? '') ?? '?';
    const newcomers = created.filter((c) => c.parent_id === old.parent_id).map((c) => c.name);
    defects.push(
      `no successor: ${describe(old)}, ${district}, ended ${S1_END}; the data does not say where it went` +
        (newcomers.length ? ` (new in its district on ${S2_START}: ${newcomers.join(', ')})` : ''),
    );
  }
  return { links, defects };
}

function successorOf(
  old: AdminUnitRow,
  s2: Map<string, AdminUnitRow>,
  created: AdminUnitRow[],
): { unit: AdminUnitRow; source: string } | undefined {
  const sameCode = s2.get(old.code);
  if (sameCode) return { unit: sameCode, source: LINK_SOURCES.codeKept };
  const nearby = created.filter((c) => c.parent_id === old.parent_id);
  const sameName = nearby.filter((c) => c.name === old.name);
  if (sameName.length === 1 && sameName[0]) return { unit: sameName[0], source: LINK_SOURCES.nameKept };
  const partOf = nearby.filter((c) => c.name.split(' - ').includes(old.name));
  if (partOf.length === 1 && partOf[0]) return { unit: partOf[0], source: LINK_SOURCES.namePart };
  return undefined;
}
