import type { CertificateStatus } from '../certificates/certificate.js';
import { foldVi, hasMarksVi, wordsVi, type ViWord } from '../core/vi-text.js';
import {
  docKey,
  FIELD_WEIGHT,
  FIELDS,
  type IndexedDoc,
  type Ref,
  type SearchDoc,
  type SearchType,
} from './search-doc.js';
import {
  FacetCodes,
  FacetCounter,
  failedFilter,
  NONE,
  scoreFactor,
  StatusCache,
  TopK,
  type Facets,
  type SearchFilters,
} from './search-ranking.js';
import {
  addPostings,
  appendPosting,
  FIELD_BITS,
  freezePostings,
  IntList,
  NO_POSTINGS,
  postingOf,
  type PostingList,
} from './postings.js';
import { Vocabulary } from './vocabulary.js';

export type { SearchFilters } from './search-ranking.js';

export interface IndexQuery {
  text: string;
  filters: SearchFilters;
  offset: number;
  limit: number;
  /** YYYY-MM-DD in Vietnam: certificate statuses depend on it. */
  today: string;
  facets: boolean;
}

export interface Hit {
  doc: IndexedDoc;
  score: number;
  status: CertificateStatus | null;
}

export interface IndexResult {
  hits: Hit[];
  total: number;
  facets: Facets | null;
}

interface Term {
  word: string;
  factor: number;
}

/** How much an expanded word counts against the word typed. */
const EXACT = 1;
const COMPLETION = 0.7;
const TYPO = 0.55;
const TEXT_FIELD = FIELDS.indexOf('text');
const ACCENT_BONUS = 0.6;
const NAME_START_BONUS = 1.4;
const SEPARATOR = /[^\p{L}\p{M}\p{N}]+/u;
const DECOMPOSED = /[\u0300-\u036f]/;

/**
 * An in-memory inverted index over folded words (docs/decisions/0006-search.md). Postings hold
 * `slot << 3 | field`, in slot order; a changed record takes a new slot and its old slot is marked dead, so an
 * update costs as much as indexing one record. The owner compacts (rebuilds) when too many slots are dead.
 */
export class SearchIndex {
  /** Records without their text: the index keeps only what answers and filters need. */
  private readonly docs: Array<IndexedDoc | null> = [];
  /**
   * Ids of the words as written (marks kept, lower case) in each record, for the exact-accent bonus: one flat
   * list, record after record; `markedEnd` holds where each slot's ids end (one typed array per record would
   * cost ~200 bytes of objects each).
   */
  private readonly markedData = new IntList();
  private readonly markedEnd = new IntList();
  private readonly markedIds = new Map<string, number>();
  /** Shared commune and producer references: thousands of records name the same few. */
  private readonly refs = new Map<string, Ref>();
  private readonly foldedName: string[] = [];
  private readonly slots = new Map<string, number>();
  private readonly postings = new Map<string, PostingList>();
  /**
   * Description words apart: they are many ("sản phẩm của…" is in every description), so completions and typo
   * neighbours, which fan out to dozens of words, skip them; only a word typed in full reaches descriptions.
   */
  private readonly textPostings = new Map<string, PostingList>();
  private readonly vocabulary = new Vocabulary();
  private readonly statuses = new StatusCache();
  private dead = 0;
  private readonly folds = new Map<string, string>();
  private readonly facetCodes = new FacetCodes();
  /**
   * Scratch space of `match`, kept between queries (a query is synchronous) and cleared at the slots it touched,
   * so a broad query allocates nothing in proportion to the index.
   */
  private scores = new Float64Array(0);
  private counts = new Uint8Array(0);
  private wordBest = new Float64Array(0);
  /** The records a query touched, and the records one query word hit. */
  private readonly touched = new IntList();
  private readonly hits = new IntList();

  constructor(docs: SearchDoc[] = []) {
    this.vocabulary.addAll(docs.flatMap((doc) => this.insert(doc)));
    this.freeze();
  }

  /**
   * Builds an index from pages of records, yielding to the event loop between batches so that requests are
   * not held while it runs.
   */
  static async build(pages: AsyncIterable<SearchDoc[]>, batch = 500): Promise<SearchIndex> {
    const index = new SearchIndex();
    const fresh: string[] = [];
    for await (const docs of pages) {
      for (let i = 0; i < docs.length; i += batch) {
        for (const doc of docs.slice(i, i + batch)) fresh.push(...index.insert(doc));
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    index.vocabulary.addAll(fresh);
    index.freeze();
    return index;
  }

  /** Built: the long posting lists become typed arrays. */
  private freeze(): void {
    freezePostings(this.postings);
    freezePostings(this.textPostings);
  }

  get size(): number {
    return this.slots.size;
  }

  /** Share of slots taken by replaced or removed records. */
  get deadRatio(): number {
    return this.docs.length === 0 ? 0 : this.dead / this.docs.length;
  }

  upsert(doc: SearchDoc): void {
    this.remove(doc.type, doc.id);
    for (const w of this.insert(doc)) this.vocabulary.add(w);
  }

  remove(type: SearchType, id: string): void {
    const key = docKey(type, id);
    const slot = this.slots.get(key);
    if (slot === undefined) return;
    this.docs[slot] = null;
    this.slots.delete(key);
    this.dead++;
  }

  /** Indexes `doc` in a new slot; returns the words not seen before. */
  private insert(doc: SearchDoc): string[] {
    const slot = this.docs.length;
    this.docs.push(this.slim(doc));
    this.facetCodes.push(doc);
    this.slots.set(docKey(doc.type, doc.id), slot);
    const best = new Map<string, number>();
    const marked = new Set<string>();
    FIELDS.forEach((field, f) => {
      const text = doc.text[field];
      if (text === undefined) return;
      for (const w of this.words(text)) {
        const seen = best.get(w.folded);
        if (seen === undefined || f < seen) best.set(w.folded, f);
        if (field !== 'text') marked.add(w.marked);
      }
    });
    for (const w of marked) this.markedData.push(this.markedId(w));
    this.markedEnd.push(this.markedData.length);
    this.foldedName.push(
      ` ${this.words(doc.name)
        .map((w) => w.folded)
        .join(' ')}`,
    );
    const fresh: string[] = [];
    for (const [word, f] of best) {
      const inText = f === TEXT_FIELD;
      const own = inText ? this.textPostings : this.postings;
      const other = inText ? this.postings : this.textPostings;
      if (appendPosting(own, word, (slot << FIELD_BITS) | f) && !other.has(word)) fresh.push(word);
    }
    return fresh;
  }

  private slim(doc: SearchDoc): IndexedDoc {
    return {
      type: doc.type,
      id: doc.id,
      name: doc.name,
      nameEn: doc.nameEn,
      commune: this.ref('c', doc.commune),
      producer: doc.producer && this.ref('p', doc.producer),
      stars: doc.stars,
      sector: doc.sector,
      certificate: doc.certificate,
    };
  }

  private ref(kind: string, r: Ref): Ref {
    const key = `${kind}:${r.id}:${r.name}`;
    let shared = this.refs.get(key);
    if (!shared) {
      shared = { id: r.id, name: r.name };
      this.refs.set(key, shared);
    }
    return shared;
  }

  private markedId(word: string): number {
    let id = this.markedIds.get(word);
    if (id === undefined) {
      id = this.markedIds.size;
      this.markedIds.set(word, id);
    }
    return id;
  }

  /**
   * The words of stored text. It was normalized on the way in, so the costly tone-mark rewrite of `wordsVi`
   * is skipped; folding is memoized per written word.
   */
  private words(text: string): ViWord[] {
    const out: ViWord[] = [];
    for (const marked of (DECOMPOSED.test(text) ? text.normalize('NFC') : text)
      .toLowerCase()
      .split(SEPARATOR)) {
      if (marked === '') continue;
      let folded = this.folds.get(marked);
      if (folded === undefined) {
        folded = foldVi(marked);
        this.folds.set(marked, folded);
      }
      if (folded !== '' && !folded.includes(' ')) out.push({ marked, folded });
    }
    return out;
  }

  search(q: IndexQuery): IndexResult {
    const words = wordsVi(q.text);
    if (words.length === 0) {
      return { hits: [], total: 0, facets: q.facets ? new FacetCounter(this.facetCodes).result() : null };
    }
    const terms = words.map((w, i) => this.expand(w.folded, i === words.length - 1));
    const touched = this.touched;
    if (!this.matchAll(terms)) this.match(terms);
    try {
      return this.rank(q, words, touched);
    } finally {
      for (let i = 0; i < touched.length; i++) {
        const slot = touched.at(i);
        this.scores[slot] = 0;
        this.counts[slot] = 0;
      }
      touched.clear();
    }
  }

  /** Filters, counts and ranks the records `match` touched. */
  private rank(q: IndexQuery, words: ViWord[], touched: IntList): IndexResult {
    const { scores, counts } = this;
    const facets = q.facets ? new FacetCounter(this.facetCodes) : null;
    const need = requiredMatches(touched, counts, words.length);
    // A marked word no record was written with can get no bonus: -1 never matches.
    const markedWords = words
      .filter((w) => hasMarksVi(w.marked))
      .map((w) => this.markedIds.get(w.marked) ?? -1);
    const phrase = ` ${words.map((w) => w.folded).join(' ')}`;
    // textFactor's largest value, computed the same way (every marked word exact, the phrase at the start), so
    // that a record reaching it ties exactly.
    const most = this.mostTextFactor(markedWords.length);
    const top = new TopK<Hit>(q.offset + q.limit, (a, b) => b.score - a.score || cmp(a.doc.name, b.doc.name));
    let total = 0;
    const f = q.filters;
    const filtered =
      f.type !== undefined ||
      (f.stars?.length ?? 0) > 0 ||
      f.sector !== undefined ||
      (f.communes ?? null) !== null ||
      f.certificate !== undefined;
    for (let i = 0; i < touched.length; i++) {
      const slot = touched.at(i);
      if (counts[slot] !== need) continue;
      const doc = this.docs[slot];
      if (!doc) continue;
      const status = this.statuses.of(slot, doc, q.today, this.docs.length);
      const failed = filtered ? failedFilter(doc, status, q.filters) : NONE;
      facets?.add(slot, doc, status, failed);
      if (failed !== NONE) continue;
      total++;
      const base = (scores[slot] ?? 0) * scoreFactor(doc, status);
      // Text bonuses multiply by at most `most`: skip the string work when the record cannot enter the top —
      // below the worst kept, or level with it at best and losing the tie on the name. Broad queries have
      // thousands of such ties ("Làng nghề …").
      if (top.full) {
        const best = base * most;
        const worst = top.worst;
        if (best < worst.score || (best === worst.score && cmp(doc.name, worst.doc.name) >= 0)) continue;
      }
      top.push({ doc, score: base * this.textFactor(slot, markedWords, phrase), status });
    }
    return { hits: top.sorted().slice(q.offset), total, facets: facets ? facets.result() : null };
  }

  /** The words a query word stands for: itself, its completions when it is the last, one-typo neighbours. */
  private expand(word: string, last: boolean): Term[] {
    const terms: Term[] = [];
    if (this.postings.has(word) || this.textPostings.has(word)) terms.push({ word, factor: EXACT });
    if (last) {
      for (const w of this.vocabulary.completions(word)) {
        terms.push({ word: w, factor: COMPLETION * (0.6 + (0.4 * word.length) / w.length) });
      }
    }
    if (!this.vocabulary.has(word))
      for (const w of this.vocabulary.typos(word)) terms.push({ word: w, factor: TYPO });
    return terms;
  }

  /** Grows the scratch space of `match` to the slots in use (it is zero outside a query). */
  private reserve(): void {
    const n = this.docs.length;
    if (this.scores.length >= n) return;
    const size = n + 1024;
    this.scores = new Float64Array(size);
    this.counts = new Uint8Array(size);
    this.wordBest = new Float64Array(size);
  }

  /**
   * `match` for the common case where some record has every query word, at the cost of the rarest word: its
   * records are the candidates, checked against the other words' postings by binary search. Records, sums (in
   * query-word order) and their order are those `match` gives, in `touched`; false when no record has every word
   * or the words are about as frequent as each other (then `match` runs).
   */
  private matchAll(queryTerms: Term[][]): boolean {
    const w = queryTerms.length;
    if (w < 2) return false;
    const lists = queryTerms.map((terms) =>
      terms.map(({ word, factor }) => {
        const main = this.postings.get(word) ?? NO_POSTINGS;
        const text = this.textPostings.get(word) ?? NO_POSTINGS;
        const weight = factor * Math.log(1 + this.slots.size / Math.max(1, main.length + text.length));
        const lists: ArrayLike<number>[] = factor === EXACT ? [main, text] : [main];
        return { weight, lists };
      }),
    );
    const sizes = lists.map((terms) =>
      terms.reduce((n, t) => n + t.lists.reduce((m, l) => m + l.length, 0), 0),
    );
    const rarest = sizes.indexOf(Math.min(...sizes));
    const others = sizes.reduce((n, size, i) => (i === rarest ? n : n + size), 0);
    const seed = lists[rarest] ?? [];
    // Probing costs a binary search per candidate and list: worth it only when the rarest word is rare enough.
    let probe = 0;
    lists.forEach((terms, i) => {
      if (i !== rarest) for (const t of terms) for (const l of t.lists) probe += 1 + Math.log2(1 + l.length);
    });
    if ((sizes[rarest] ?? 0) * probe > others) return false;
    this.reserve();
    const wordBest = this.wordBest;
    const candidates = this.hits;
    candidates.clear();
    for (const { weight, lists: ls } of seed)
      for (const list of ls) addPostings(list, weight, FIELD_WEIGHT, wordBest, candidates);
    const m = candidates.length;
    const best = new Float64Array(w * m);
    for (let j = 0; j < m; j++) {
      const slot = candidates.at(j);
      best[rarest * m + j] = wordBest[slot] ?? 0;
      wordBest[slot] = 0;
    }
    // Where each candidate first appears in the first word's postings: `match` touches records in that order.
    const firstSeen = new Int32Array(m);
    let alive = Array.from({ length: m }, (_, j) => j);
    for (let i = 0; i < w; i++) {
      if (i === rarest) continue;
      const kept: number[] = [];
      for (const j of alive) {
        const slot = candidates.at(j);
        let b = 0;
        let seen = -1;
        let k = 0;
        for (const { weight, lists: ls } of lists[i] ?? []) {
          for (const list of ls) {
            const p = postingOf(list, slot);
            if (p >= 0) {
              if (seen < 0) seen = k;
              const v = weight * (FIELD_WEIGHT[p & 7] ?? 1);
              if (v > b) b = v;
            }
            k++;
          }
        }
        if (seen < 0) continue;
        best[i * m + j] = b;
        if (i === 0) firstSeen[j] = seen;
        kept.push(j);
      }
      alive = kept;
      if (alive.length === 0) return false;
    }
    if (rarest !== 0) {
      alive.sort((a, b) => (firstSeen[a] ?? 0) - (firstSeen[b] ?? 0) || candidates.at(a) - candidates.at(b));
    }
    for (const j of alive) {
      const slot = candidates.at(j);
      let sum = 0;
      for (let i = 0; i < w; i++) sum += best[i * m + j] ?? 0;
      this.scores[slot] = sum;
      this.counts[slot] = w;
      this.touched.push(slot);
    }
    return true;
  }

  /**
   * Sums into `scores`, per record, the best weight of each query word, and counts into `counts` the query words
   * each record matched; the records touched go to `touched` (the caller clears them).
   */
  private match(queryTerms: Term[][]): void {
    this.reserve();
    const { scores, counts, wordBest, touched, hits } = this;
    for (const terms of queryTerms) {
      hits.clear();
      for (const { word, factor } of terms) {
        const main = this.postings.get(word) ?? NO_POSTINGS;
        const text = this.textPostings.get(word) ?? NO_POSTINGS;
        const weight = factor * Math.log(1 + this.slots.size / Math.max(1, main.length + text.length));
        addPostings(main, weight, FIELD_WEIGHT, wordBest, hits);
        if (factor === EXACT) addPostings(text, weight, FIELD_WEIGHT, wordBest, hits);
      }
      for (let i = 0; i < hits.length; i++) {
        const slot = hits.at(i);
        if (counts[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] ?? 0) + (wordBest[slot] ?? 0);
        counts[slot] = (counts[slot] ?? 0) + 1;
        wordBest[slot] = 0;
      }
    }
  }

  private mostTextFactor(markedWords: number): number {
    let f = 1;
    if (markedWords > 0) f *= 1 + (ACCENT_BONUS * markedWords) / markedWords;
    return f * NAME_START_BONUS;
  }

  /** Exact accents chosen by the writer, and the query as a phrase of the name, rank first. */
  private textFactor(slot: number, markedWords: number[], phrase: string): number {
    let f = 1;
    if (markedWords.length > 0) {
      const ids = this.markedData.data;
      const end = this.markedEnd.at(slot);
      const start = slot === 0 ? 0 : this.markedEnd.at(slot - 1);
      let exact = 0;
      for (const w of markedWords) {
        for (let k = start; k < end; k++) {
          if (ids[k] === w) {
            exact++;
            break;
          }
        }
      }
      f *= 1 + (ACCENT_BONUS * exact) / markedWords.length;
    }
    const name = this.foldedName[slot] ?? '';
    if (name.startsWith(phrase)) f *= NAME_START_BONUS;
    else if (name.includes(phrase)) f *= 1.25;
    return f;
  }
}

/** All query words when some record has them all; otherwise as many as the best record has. */
function requiredMatches(touched: IntList, counts: Uint8Array, words: number): number {
  let best = 0;
  for (let i = 0; i < touched.length; i++) {
    const c = counts[touched.at(i)] ?? 0;
    if (c === words) return words;
    if (c > best) best = c;
  }
  return best;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
