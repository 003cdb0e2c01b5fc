import { auditTrail } from '../audit/audit.repository.js';
import type { Ctx } from '../core/context.js';
import { formatDateTime, t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { BO } from './bo-i18n.js';

/**
 * "Change history" of one record: who, when, what changed (before → after), newest first. Put it at the bottom
 * of every record page: `${await recordHistory(ctx, 'product', id)}`. The caller has checked the actor may read
 * the record.
 */
export async function recordHistory(ctx: Ctx, entityType: string, entityId: string): Promise<SafeHtml> {
  const l = ctx.locale;
  const entries = (await auditTrail(ctx, entityType, entityId)).reverse();
  const actors = await actorNames(
    ctx,
    entries.map((e) => e.actor),
  );
  return html`<section aria-labelledby="h-history">
    <h2 id="h-history">${t(l, BO.history)}</h2>
    ${
      entries.length === 0
        ? html`<p>${t(l, BO.none)}</p>`
        : html`<ol class="history">
            ${entries.map(
              (e) =>
                html`<li>
                  <p>
                    <strong>${e.action}</strong> — ${formatDateTime(l, e.at)} —
                    ${actors.get(e.actor) ?? e.actor}
                  </p>
                  ${changesList(e.changes)}
                </li>`,
            )}
          </ol>`
    }
  </section>`;
}

/** { field: [before, after] } as a definition list; other shapes as their JSON. */
export function changesList(changes: Record<string, unknown>): SafeHtml {
  const entries = Object.entries(changes);
  if (entries.length === 0) return html``;
  return html`<dl class="facts">
    ${entries.map(([field, value]) => {
      if (Array.isArray(value) && value.length === 2) {
        return html`<dt>${field}</dt>
          <dd><del>${show(value[0])}</del> → <ins>${show(value[1])}</ins></dd>`;
      }
      return html`<dt>${field}</dt>
        <dd>${show(value)}</dd>`;
    })}
  </dl>`;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 300)}…` : value;
  const json = JSON.stringify(value);
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}

/** "user:usr_x" → the account's e-mail, for people reading the log. */
export async function actorNames(ctx: Ctx, actors: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(actors.filter((a) => a.startsWith('user:')).map((a) => a.slice(5)))];
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [`user:${r.id}`, r.email]));
}
