import { currentCommunesOf } from '../catalog/commune-scope.repository.js';
import type { CertificateStatus } from '../certificates/certificate.js';
import { todayInVietnam } from '../core/clock.js';
import { SYSTEM_ACTOR, type Ctx } from '../core/context.js';
import { ValidationError } from '../core/errors.js';
import type { PublicUrls } from '../core/public-urls.js';
import { normalizeVi } from '../core/vi-text.js';
import type { ChangeTracker } from '../db/change-tracker.js';
import type { SearchType } from './search-doc.js';
import type { IndexQuery } from './search-index.js';
import {
  presentHit,
  presentSuggestion,
  type SearchResponse,
  type SuggestResponse,
} from './search.presenter.js';
import { SearchRefresher } from './search-refresher.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_SUGGESTIONS = 8;
/** How often the index checks for changes between requests, so the next search finds it warm. */
const POLL_MS = 250;

export interface SearchParams {
  q?: string;
  type?: SearchType;
  stars?: number[];
  sector?: string;
  commune?: string;
  certificate?: CertificateStatus;
  page: number;
  limit: number;
}

/**
 * Search over products, producers, craft villages and sales points (docs/decisions/0006-search.md): an
 * in-process index built from the database, identical on SQLite and PostgreSQL, kept fresh by the refresher.
 * One per app; `stop()` on close.
 */
export class SearchService {
  private readonly refresher: SearchRefresher;
  private timer: NodeJS.Timeout | undefined;

  constructor(ctx: Pick<Ctx, 'db' | 'clock'>, tracker: ChangeTracker) {
    this.refresher = new SearchRefresher({ ...ctx, locale: 'vi', actor: SYSTEM_ACTOR }, tracker);
  }

  /**
   * Starts building the index and keeps it warm; resolves when it is built. Searches made meanwhile wait for it
   * (with 20,000 products, a few seconds on a busy machine), so a server can listen at once.
   */
  start(): Promise<void> {
    this.timer ??= setInterval(() => {
      if (this.refresher.stale) this.refresher.current().catch(() => undefined);
    }, POLL_MS);
    this.timer.unref();
    return this.refresher.current().then(() => undefined);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async search(ctx: Ctx, params: SearchParams, urls: PublicUrls): Promise<SearchResponse> {
    const started = performance.now();
    const text = validQuery(params.q);
    const communes = params.commune === undefined ? null : await currentCommunesOf(ctx, params.commune);
    const index = await this.refresher.current();
    const query: IndexQuery = {
      text,
      filters: {
        type: params.type,
        stars: params.stars,
        sector: params.sector,
        communes: communes ? new Set(communes) : null,
        certificate: params.certificate,
      },
      offset: (params.page - 1) * params.limit,
      limit: params.limit,
      today: todayInVietnam(ctx.clock),
      facets: true,
    };
    const result = index.search(query);
    return {
      items: result.hits.map((h) => presentHit(h, urls, ctx.locale)),
      total: result.total,
      page: params.page,
      limit: params.limit,
      facets: result.facets ?? { type: [], stars: [], sector: [], commune: [] },
      tookMs: round(performance.now() - started),
    };
  }

  /** Up to 8 completions as the user types: the best records' names, each once. */
  async suggest(ctx: Ctx, q: string | undefined, urls: PublicUrls): Promise<SuggestResponse> {
    const started = performance.now();
    const text = validQuery(q);
    const index = await this.refresher.current();
    const result = index.search({
      text,
      filters: {},
      offset: 0,
      limit: MAX_SUGGESTIONS * 3,
      today: todayInVietnam(ctx.clock),
      facets: false,
    });
    const seen = new Set<string>();
    const items = [];
    for (const hit of result.hits) {
      const item = presentSuggestion(hit, urls, ctx.locale);
      if (seen.has(item.text)) continue;
      seen.add(item.text);
      items.push(item);
      if (items.length === MAX_SUGGESTIONS) break;
    }
    return { items, tookMs: round(performance.now() - started) };
  }
}

/** The query as searched: control characters out, normalized; 1–200 characters or a clear refusal. */
export function validQuery(q: string | undefined): string {
  const text = normalizeVi((q ?? '').replace(/\p{Cc}/gu, ' '));
  if (text === '') {
    throw new ValidationError([
      {
        field: 'q',
        message: 'q: hãy nhập nội dung cần tìm',
        messageEn: 'q: enter something to search for',
      },
    ]);
  }
  if (charactersIn(text) > MAX_QUERY_LENGTH) {
    throw new ValidationError([
      {
        field: 'q',
        message: `q: nội dung tìm kiếm dài quá ${MAX_QUERY_LENGTH} ký tự`,
        messageEn: `q: the search text is longer than ${MAX_QUERY_LENGTH} characters`,
      },
    ]);
  }
  return text;
}

const graphemes = new Intl.Segmenter('vi', { granularity: 'grapheme' });

/** Characters as a reader counts them (an emoji or a letter with its marks is one). */
function charactersIn(text: string): number {
  return Array.from(graphemes.segment(text)).length;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
