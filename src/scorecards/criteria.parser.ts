import { foldVi } from '../core/vi-text.js';
import {
  CRITERIA_VERSION,
  PART_TITLE,
  groupCriteria,
  type CriteriaGroup,
  type CriteriaPart,
  type CriteriaSet,
  type Criterion,
  type Defect,
  type KnockOut,
  type KnockOutReason,
  type PartCode,
  type SourceRef,
  type StarLevel,
} from './criteria.model.js';
import { readCsv } from './csv.js';
import { scorecardInfo } from './taxonomy.js';

/**
 * Reads one scorecard CSV (columns title, description, level 0–3, stars, score) into a CriteriaSet.
 * It never throws on bad data: a letter in the score column becomes NaN with the raw text kept in
 * `source.score`, and structural surprises become defects, so the validator and the reviewed corrections
 * can deal with them in one place.
 */
export interface ParseResult {
  set: CriteriaSet;
  /** Problems only the parser can see (columns, levels, star tags); sums are the validator's job. */
  defects: Defect[];
}

interface Row {
  title: string;
  description: string;
  level: string;
  stars: string;
  score: string;
  source: SourceRef;
}

interface OpenGroup {
  group: CriteriaGroup;
  id: string;
  letters: number;
  lastLettered?: string;
  subItems: number;
  current?: Criterion;
  self?: Criterion;
  stars?: StarLevel;
  knockOut?: KnockOut;
}

interface State {
  set: CriteriaSet;
  defects: Defect[];
  part?: CriteriaPart;
  open?: OpenGroup;
}

const COLUMNS = ['title', 'description', 'level', 'stars', 'score'] as const;
// The Vietnamese enumeration a, b, c, d, đ, e, g…; đ becomes "dd" so that ids stay ASCII.
const LETTERS = ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n'];
const NOTE_LINE = /^(ghi chú|chú ý)\s*:/iu;

export function parseCriteriaCsv(
  scorecardId: number,
  csvText: string,
  options: { name?: string; version?: string } = {},
): ParseResult {
  const name = options.name ?? scorecardInfo(scorecardId)?.nameVi ?? `Bộ sản phẩm ${scorecardId}`;
  const set: CriteriaSet = { scorecardId, version: options.version ?? CRITERIA_VERSION, name, parts: [] };
  const state: State = { set, defects: [] };
  const { records, errors } = readCsv(csvText);
  for (const e of errors) state.defects.push({ code: 'structure', path: 'file', message: e });
  const header = records[0]?.fields.map((f) => f.trim().toLowerCase()) ?? [];
  const index = COLUMNS.map((c) => header.indexOf(c));
  if (index.some((i) => i < 0)) {
    const message = `the header must name the columns ${COLUMNS.join(', ')}; found ${header.join(', ')}`;
    state.defects.push({ code: 'structure', path: 'row 1', message });
    return state;
  }
  records.slice(1).forEach((record, k) => {
    const at = (i: number) => record.fields[index[i] ?? -1] ?? '';
    const row: Row = {
      title: at(0),
      description: at(1),
      level: at(2).trim(),
      stars: at(3).trim(),
      score: at(4).trim(),
      source: { row: k + 2, line: record.line },
    };
    onRow(state, row);
  });
  closeGroup(state);
  return { set, defects: state.defects };
}

const HANDLERS: Record<string, (state: State, row: Row) => void> = {
  '0': onPart,
  '1': onGroup,
  '2': onCriterion,
  '3': onOption,
};

function onRow(state: State, row: Row): void {
  const handler = HANDLERS[row.level];
  if (handler) handler(state, row);
  else structure(state, row, `unknown level "${row.level}"`);
}

function onPart(state: State, row: Row): void {
  closeGroup(state);
  const found = /phần\s*([abc])\b/iu.exec(row.title)?.[1]?.toUpperCase() as PartCode | undefined;
  const code = found ?? (['A', 'B', 'C'] as const)[state.set.parts.length];
  if (!found) structure(state, row, `part title "${oneLine(row.title)}" names no part A, B or C`);
  if (!code) return;
  const part: CriteriaPart = {
    code,
    title: PART_TITLE[code],
    max: score(row),
    groups: [],
    source: row.source,
  };
  state.set.parts.push(part);
  state.part = part;
}

function onGroup(state: State, row: Row): void {
  closeGroup(state);
  const part = state.part;
  if (!part) {
    structure(state, row, 'a criterion group before any part');
    return;
  }
  const [first = '', ...rest] = lines(row.title);
  const number = /^(\d+)\s*[.)]?\s*/u.exec(first);
  const code = number?.[1] ?? String(state.set.parts.reduce((n, p) => n + p.groups.length, 1));
  if (!number) structure(state, row, `group title "${first}" has no number`);
  const { text, stars } = starTag(state, row, first.slice(number?.[0].length ?? 0), `${part.code}${code}`);
  const description = joinText([...rest, ...lines(row.description)]);
  const group: CriteriaGroup = { code, title: text, max: score(row), criteria: [], source: row.source };
  if (description) group.description = description;
  if (description && /lua chon mot trong (hai|cac) truong hop/u.test(foldVi(description))) {
    group.alternatives = [];
  }
  part.groups.push(group);
  const open: OpenGroup = { group, id: `${part.code}${code}`, letters: 0, subItems: 0 };
  if (stars) open.stars = stars;
  const knockOut = description ? classifyKnockOut(description) : undefined;
  if (knockOut) open.knockOut = knockOut;
  state.open = open;
}

function onCriterion(state: State, row: Row): void {
  const open = state.open;
  if (!open) {
    structure(state, row, 'a criterion outside any group');
    return;
  }
  if (open.self) {
    structure(state, row, `a criterion after options listed directly under ${open.id}`);
    return;
  }
  const [first = '', ...rest] = lines(row.title);
  const label = /^([a-zđ])\s*[.)]\s*/iu.exec(first);
  const dash = /^[-–]\s*/u.exec(first);
  const id = criterionId(state, open, row, label?.[1], Boolean(dash));
  const { text, stars } = starTag(state, row, first.slice((label ?? dash)?.[0].length ?? 0), id);
  const criterion: Criterion = { id, title: text || open.group.title, max: score(row), options: [] };
  criterion.source = row.source;
  const description = joinText([...rest, ...lines(row.description)]);
  if (description) criterion.description = description;
  if (stars) criterion.mandatoryFor = stars;
  const knockOut = description ? classifyKnockOut(description) : undefined;
  if (knockOut) criterion.knockOut = knockOut;
  if (open.group.alternatives) {
    open.group.alternatives.push({
      code: id.slice(open.id.length),
      title: criterion.title,
      criteria: [criterion],
    });
  } else open.group.criteria.push(criterion);
  open.current = criterion;
}

/** Letters follow position, not the printed label: labels repeat or slip in the transcription ("c) Sở hữu
 * trí tuệ" after "đ)" in sets 18–19). A "- item" under a lettered criterion extends that criterion's id. */
function criterionId(
  state: State,
  open: OpenGroup,
  row: Row,
  label: string | undefined,
  dash: boolean,
): string {
  if (dash && open.lastLettered) {
    open.subItems += 1;
    return `${open.lastLettered}${open.subItems}`;
  }
  if (!label && !dash && !open.group.alternatives) {
    structure(state, row, `criterion "${oneLine(row.title)}" has no letter`);
  }
  const letter = LETTERS[open.letters] ?? `x${open.letters}`;
  open.letters += 1;
  open.subItems = 0;
  const id = `${open.id}${letter}`;
  open.lastLettered = id;
  return id;
}

function onOption(state: State, row: Row): void {
  const open = state.open;
  if (!open) {
    structure(state, row, 'an option outside any group');
    return;
  }
  let criterion = open.current;
  if (!criterion && open.group.alternatives) {
    structure(state, row, 'an option before any case');
    return;
  }
  if (!criterion) {
    const g = open.group;
    criterion = { id: open.id, title: g.title, max: g.max, options: [], source: g.source ?? row.source };
    if (g.description) criterion.description = g.description;
    open.self = criterion;
    open.current = criterion;
  }
  const [first = '', ...rest] = lines(row.title);
  const notes = rest.filter((l) => NOTE_LINE.test(l));
  const title = joinText([first.replace(/^□\s*/u, ''), ...rest.filter((l) => !NOTE_LINE.test(l))], ' ');
  const id = `${criterion.id}.${criterion.options.length + 1}`;
  const { text, stars } = starTag(state, row, title, id);
  const option: Criterion['options'][number] = { id, title: text, points: score(row), source: row.source };
  if (stars) option.mandatoryFor = stars;
  criterion.options.push(option);
  for (const note of notes) attachNote(criterion, note);
}

/** A note printed under an option belongs to its criterion: a knock-out, or else part of the description. */
function attachNote(criterion: Criterion, note: string): void {
  const knockOut = classifyKnockOut(note);
  if (knockOut && !criterion.knockOut) criterion.knockOut = knockOut;
  else criterion.description = joinText([criterion.description ?? '', note]);
}

function closeGroup(state: State): void {
  const open = state.open;
  if (!open) return;
  state.open = undefined;
  if (open.self) {
    if (open.stars) open.self.mandatoryFor = open.stars;
    open.group.criteria.push(open.self);
  } else if (open.stars) {
    state.defects.push({ code: 'star_tag', path: open.id, message: `group ${open.id} carries a star tag` });
  }
  // A group-level note ("Không đánh giá các bước tiếp theo nếu …") acts where the group starts.
  const first = groupCriteria(open.group)[0];
  if (open.knockOut && first && !first.knockOut) first.knockOut = open.knockOut;
}

const KNOCK_OUTS: Array<[KnockOutReason, RegExp]> = [
  ['food_safety_certificate', /khong danh gia cac buoc tiep theo neu .*chung nhan du dieu kien attp/u],
  ['unacceptable_impurities', /tap chat.*(khong danh gia cac buoc tiep theo|khong xem xet)/u],
  [
    'unacceptable_impurities',
    /(khong danh gia cac buoc tiep theo|khong xem xet cac chi tieu khac).*tap chat/u,
  ],
  ['ip_infringement', /vi pham so huu tri tue.*loai/u],
  ['imported_or_unknown_materials', /bi loai neu su dung toan bo nguyen lieu nhap khau/u],
  ['copied_product', /bi loai neu phat hien giong het/u],
  ['not_distinctive', /khong danh gia nhung san pham co tinh pho bien/u],
  ['other', /(bi loai|loai bo|khong danh gia cac buoc tiep theo|khong xem xet cac chi tieu khac)/u],
];

/** Notes that stop the scoring or eliminate the product, recognised on the folded text. */
export function classifyKnockOut(text: string): KnockOut | undefined {
  const folded = foldVi(text);
  const hit = KNOCK_OUTS.find(([, re]) => re.test(folded));
  return hit ? { reason: hit[0], text: joinText(lines(text), ' ') } : undefined;
}

/** Strips the ***, ****, ***** tags from a title and checks them against the `stars` column. */
function starTag(state: State, row: Row, title: string, path: string): { text: string; stars?: StarLevel } {
  const tags = [...title.matchAll(/\*+/gu)].map((m) => m[0].length);
  const text = title
    .replace(/\s*\*+/gu, '')
    .replace(/\s+([.,;:])/gu, '$1')
    .trim();
  const column = row.stars === '' ? undefined : Number(row.stars);
  const defect = (message: string) =>
    state.defects.push({ code: 'star_tag', path, message: at(row, message) });
  if (column !== undefined && !isStar(column)) defect(`stars column holds "${row.stars}", not 3, 4 or 5`);
  if (tags.length > 1) defect(`title carries ${tags.length} star tags`);
  const tag = tags[0];
  if (tag !== undefined && !isStar(tag)) defect(`title tag has ${tag} stars, not 3, 4 or 5`);
  if (tag !== column && (tag === undefined || column === undefined || isStar(tag))) {
    defect(`title tag (${tag ?? 'none'}) and stars column (${row.stars || 'empty'}) disagree`);
  }
  const stars = column !== undefined && isStar(column) ? column : undefined;
  return stars ? { text, stars } : { text };
}

function isStar(n: number): n is StarLevel {
  return n === 3 || n === 4 || n === 5;
}

/** A number, or NaN (the raw text kept on the source) so the validator reports it instead of a crash. */
function score(row: Row): number {
  if (/^\d+(?:[.,]\d+)?$/u.test(row.score)) return Number(row.score.replace(',', '.'));
  row.source.score = row.score;
  return Number.NaN;
}

function lines(text: string): string[] {
  return (
    text
      .split(/\r?\n/u)
      // NFC and single spaces only: normalizeVi's tone-mark rule would rewrite "hoặc" as "họăc".
      .map((l) => l.normalize('NFC').replace(/\s+/gu, ' ').trim())
      .filter((l) => l !== '')
  );
}

function joinText(parts: string[], separator = '\n'): string {
  return parts.filter((p) => p !== '').join(separator);
}

function oneLine(text: string): string {
  return joinText(lines(text), ' ');
}

function at(row: Row, message: string): string {
  return `row ${row.source.row} (line ${row.source.line}): ${message}`;
}

function structure(state: State, row: Row, message: string): void {
  state.defects.push({ code: 'structure', path: `row ${row.source.row}`, message: at(row, message) });
}
