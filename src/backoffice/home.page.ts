import type { FastifyInstance } from 'fastify';
import { hasRole, scopeOf } from '../accounts/policy.js';
import { todayInVietnam } from '../core/clock.js';
import { formatDate, formatNumber, t } from '../views/format.js';
import { html, type SafeHtml } from '../views/html.js';
import { BO } from './bo-i18n.js';
import { requireStaff } from './bo-context.js';
import {
  certificatesToWatch,
  lockedAccounts,
  outboxCount,
  salesPointsOf,
  scopeCounts,
  unreadNotifications,
} from './home.repository.js';
import { boPage, type BoView } from './layout.js';
import { communeNames } from './options.js';
import { PS } from './pickup-stock.text.js';

const TXT = {
  title: { vi: 'Việc cần chú ý', en: 'What needs my attention' },
  watch: { vi: 'Giấy chứng nhận sắp hết hạn hoặc đã hết hạn', en: 'Certificates expiring or expired' },
  watchNone: { vi: 'Không có giấy chứng nhận nào sắp hết hạn.', en: 'No certificate is close to expiry.' },
  product: { vi: 'Sản phẩm', en: 'Product' },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  number: { vi: 'Số GCN', en: 'Certificate' },
  expires: { vi: 'Hết hạn', en: 'Expires' },
  notifications: { vi: 'Thông báo mới', en: 'New notifications' },
  locked: { vi: 'Tài khoản đang bị tạm khóa', en: 'Accounts locked now' },
  outbox: { vi: 'Thư chưa gửi qua SMTP', en: 'Mail not sent by SMTP' },
  scope: { vi: 'Phạm vi của bạn', en: 'Your scope' },
  dossiers: {
    vi: 'Hồ sơ đánh giá sẽ xuất hiện ở đây khi quy trình đánh giá được mở.',
    en: 'Evaluation dossiers will appear here once the evaluation workflow opens.',
  },
  orders: {
    vi: 'Đơn hàng cần giao sẽ xuất hiện ở đây khi cửa hàng mở.',
    en: 'Orders to ship will appear here once the shop opens.',
  },
  myPoints: { vi: 'Điểm bán của tôi', en: 'My sales points' },
  stocked: { vi: 'sản phẩm đang bày bán', en: 'products stocked' },
  seeAll: { vi: 'Xem tất cả', en: 'See all' },
};

function card(label: string, value: number | null, href?: string): SafeHtml {
  if (value === null) return html``;
  return html`<div class="card">
    <p class="big">${formatNumber('vi', value)}</p>
    <p>${href ? html`<a href="${href}">${label}</a>` : label}</p>
  </div>`;
}

export function homePage(app: FastifyInstance): void {
  app.get('/', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const l = view.locale;
    const actor = ctx.actor;
    const today = todayInVietnam(ctx.clock);
    const scope = scopeOf(actor, 'product');
    const [counts, watch, notes] = await Promise.all([
      scopeCounts(ctx, scope),
      certificatesToWatch(ctx, scope, today, 10),
      unreadNotifications(ctx, actor.id, 10),
    ]);
    const admin = hasRole(actor, 'admin');
    const [locked, unsent] = admin
      ? await Promise.all([lockedAccounts(ctx, ctx.clock.now().toISOString()), outboxCount(ctx)])
      : [null, null];
    const communes = scope.communeIds.length
      ? await communeNames(ctx, scope.communeIds)
      : new Map<string, string>();
    const points = await salesPointsOf(ctx, scopeOf(actor, 'salesPoint').salesPointIds);
    const body = html` ${communes.size ? html`<p>${t(l, TXT.scope)}: ${[...communes.values()].join(', ')}</p>` : ''}
      <div class="cards">
        ${scope.all || scope.communeIds.length || scope.producerIds.length ? card(t(l, BO.products), counts.products, '/admin/products') : ''}
        ${scope.all || scope.communeIds.length ? card(t(l, BO.producers), counts.producers, '/admin/producers') : ''}
        ${scope.all || scope.communeIds.length ? card(t(l, BO.villages), counts.villages, '/admin/craft-villages') : ''}
        ${scope.all || scope.communeIds.length ? card(t(l, BO.salesPoints), counts.salesPoints, '/admin/sales-points') : ''}
        ${card(t(l, TXT.locked), locked, '/admin/users')} ${card(t(l, TXT.outbox), unsent, '/admin/outbox')}
      </div>
      ${
        notes.length
          ? html`<section aria-labelledby="h-notes">
              <h2 id="h-notes">${t(l, TXT.notifications)}</h2>
              <ul>
                ${notes.map((n) => html`<li>${n.link ? html`<a href="${n.link}">${n.title}</a>` : n.title}</li>`)}
              </ul>
              <p><a href="/admin/notifications">${t(l, TXT.seeAll)}</a></p>
            </section>`
          : ''
      }
      ${scope.all || scope.communeIds.length || scope.producerIds.length ? watchTable(view, watch) : ''}
      ${hasRole(actor, 'council') || hasRole(actor, 'secretary') ? html`<p>${t(l, TXT.dossiers)}</p>` : ''}
      ${
        points.length
          ? html`<section aria-labelledby="h-points">
              <h2 id="h-points">${t(l, TXT.myPoints)}</h2>
              <ul>
                ${points.map((p) => html`<li><a href="/admin/sales-points/${p.id}">${p.name}</a> — ${p.address} (${formatNumber(l, p.stocked)} ${t(l, TXT.stocked)}) · <a href="/admin/sales-points/${p.id}/stock">${t(l, PS.link)}</a></li>`)}
              </ul>
              <p>${t(l, TXT.orders)}</p>
            </section>`
          : ''
      }`;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(boPage(view, { title: TXT.title, active: 'home', body }));
  });
}

function watchTable(view: BoView, watch: Awaited<ReturnType<typeof certificatesToWatch>>): SafeHtml {
  const l = view.locale;
  if (watch.total === 0)
    return html`<h2>${t(l, TXT.watch)}</h2>
      <p>${t(l, TXT.watchNone)}</p>`;
  return html`<section aria-labelledby="h-watch">
    <h2 id="h-watch">${t(l, TXT.watch)} (${formatNumber(l, watch.total)})</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${t(l, TXT.number)}</th>
            <th scope="col">${t(l, TXT.product)}</th>
            <th scope="col">${t(l, TXT.producer)}</th>
            <th scope="col">${t(l, TXT.expires)}</th>
          </tr>
        </thead>
        <tbody>
          ${watch.rows.map(
            (r) =>
              html`<tr>
                <td><a href="/admin/certificates/${r.id}">${r.number}</a></td>
                <td>
                  <a href="/admin/products/${r.product_id}"
                    >${l === 'en' ? (r.name_en ?? r.name_vi) : r.name_vi}</a
                  >
                  ${'★'.repeat(r.stars)}
                </td>
                <td>${r.producer_name}</td>
                <td>${formatDate(l, r.expires_on)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    <p><a href="/admin/certificates?status=expiring">${t(l, TXT.seeAll)}</a></p>
  </section>`;
}
