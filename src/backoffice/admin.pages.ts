import { redirectWithNotice } from './registry.pages.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { inviteUser, setGrants, setUserStatus } from '../accounts/account.service.js';
import { authorize } from '../accounts/policy.js';
import { ROLE_LABELS, ROLES, type Role } from '../accounts/roles.js';
import { findUserById, grantsOf, listUsers } from '../accounts/user.repository.js';
import { NotFoundError } from '../core/errors.js';
import { searchAuditLog } from '../audit/audit-log.repository.js';
import { listMail } from '../mail/mail.repository.js';
import { listNotifications, markNotificationsRead } from '../notifications/notification.repository.js';
import { formatDateTime, t } from '../views/format.js';
import { html } from '../views/html.js';
import { actorNames, changesList, recordHistory } from './audit.component.js';
import { BO } from './bo-i18n.js';
import { fieldErrors, formValue, requireStaff } from './bo-context.js';
import {
  boPage,
  csrfField,
  errorSummary,
  field,
  pagination,
  roleNames,
  selectField,
  type BoView,
} from './layout.js';

const TXT = {
  invite: { vi: 'Mời tài khoản mới', en: 'Invite an account' },
  role: { vi: 'Vai trò', en: 'Role' },
  scope: {
    vi: 'Phạm vi (mã xã/phường, mã chủ thể hoặc mã điểm bán)',
    en: 'Scope (commune, producer or sales point id)',
  },
  scopeHint: {
    vi: 'Cán bộ xã: mã xã/phường 2025 (ví dụ 00577). Chủ thể: mã chủ thể. Điểm bán: mã điểm bán. Để trống cho các vai trò khác.',
    en: 'Commune officer: the 2025 commune code (e.g. 00577). Producer: the producer id. Sales point: its id. Empty for other roles.',
  },
  status: { vi: 'Trạng thái', en: 'Status' },
  statuses: {
    active: { vi: 'Đang hoạt động', en: 'Active' },
    invited: { vi: 'Đã mời, chưa kích hoạt', en: 'Invited, not yet active' },
    disabled: { vi: 'Đã khóa', en: 'Disabled' },
  },
  disable: { vi: 'Khóa tài khoản', en: 'Disable the account' },
  enable: { vi: 'Mở lại tài khoản', en: 'Enable the account' },
  invited: { vi: 'Đã gửi lời mời.', en: 'Invitation sent.' },
  grants: { vi: 'Vai trò và phạm vi', en: 'Roles and scopes' },
  lockedUntil: { vi: 'Tạm khóa đến', en: 'Locked until' },
  to: { vi: 'Người nhận', en: 'To' },
  subject: { vi: 'Tiêu đề', en: 'Subject' },
  at: { vi: 'Thời điểm', en: 'When' },
  who: { vi: 'Người thực hiện', en: 'Who' },
  action: { vi: 'Thao tác', en: 'Action' },
  record: { vi: 'Bản ghi', en: 'Record' },
  changes: { vi: 'Thay đổi', en: 'Changes' },
  entityType: { vi: 'Loại bản ghi', en: 'Record type' },
  entityId: { vi: 'Mã bản ghi', en: 'Record id' },
  from: { vi: 'Từ ngày', en: 'From' },
  toDate: { vi: 'Đến ngày', en: 'To' },
  notifications: { vi: 'Thông báo', en: 'Notifications' },
  markAllRead: { vi: 'Đánh dấu tất cả là đã đọc', en: 'Mark all as read' },
  unread: { vi: 'Chưa đọc', en: 'Unread' },
  outboxNote: {
    vi: 'Khi chưa cấu hình SMTP_URL, thư được giữ tại đây để quản trị viên chuyển cho người nhận.',
    en: 'Without SMTP_URL, mail stays here for administrators to pass on.',
  },
};

const ENTITY_TYPES = [
  'producer',
  'product',
  'certificate',
  'craftVillage',
  'salesPoint',
  'user',
  'import',
  'demo',
  'certificate-watch',
];

function send(reply: FastifyReply, markup: string, status = 200) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(markup);
}

function pageOf(query: unknown): number {
  const n = Number((query as { page?: string }).page ?? '1');
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

function roleOptions(view: BoView) {
  return ROLES.map((r) => ({ value: r, label: t(view.locale, ROLE_LABELS[r]) }));
}

/** Accounts, the mail outbox and the global audit log: administrators only (the policy decides). */
export function adminPages(app: FastifyInstance): void {
  app.get('/users', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    authorize(ctx.actor, 'list', { type: 'user' });
    const query = request.query as Record<string, string | undefined>;
    const page = pageOf(query);
    const role = query.role && (ROLES as readonly string[]).includes(query.role) ? query.role : undefined;
    const result = await listUsers(ctx, { q: query.q?.slice(0, 100), role }, { page, limit: 25 });
    const l = view.locale;
    const params = new URLSearchParams({ ...(query.q ? { q: query.q } : {}), ...(role ? { role } : {}) });
    const body = html`<p><a class="button" href="/admin/users/new">${t(l, TXT.invite)}</a></p>
      <form method="get" class="filters" role="search">
        ${field({ name: 'q', label: t(l, BO.email), value: query.q })}
        ${selectField({ name: 'role', label: t(l, TXT.role), value: role, blank: '—', options: roleOptions(view) })}
        <button type="submit">${t(l, BO.filter)}</button>
      </form>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(l, BO.email)}</th>
              <th scope="col">${t(l, BO.name)}</th>
              <th scope="col">${t(l, TXT.role)}</th>
              <th scope="col">${t(l, TXT.status)}</th>
            </tr>
          </thead>
          <tbody>
            ${result.items.map(
              (u) =>
                html`<tr>
                  <td><a href="/admin/users/${u.id}">${u.email}</a></td>
                  <td>${u.name}</td>
                  <td>
                    ${u.grants.map((g) => `${t(l, ROLE_LABELS[g.role as Role])}${g.scopeId ? ` (${g.scopeId})` : ''}`).join(', ')}
                  </td>
                  <td>
                    ${t(l, TXT.statuses[u.status as 'active'])}${u.locked_until && u.locked_until > ctx.clock.now().toISOString() ? html` · ${t(l, TXT.lockedUntil)} ${formatDateTime(l, u.locked_until)}` : ''}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${pagination(view, '/admin/users', params, page, 25, result.total)}`;
    return send(reply, boPage(view, { title: BO.users, active: 'users', body }));
  });

  app.get('/users/new', (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    authorize(ctx.actor, 'create', { type: 'user' });
    return send(reply, inviteForm(view, {}, {}));
  });

  app.post('/users', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const b = request.body;
    const role = formValue(b, 'role') ?? '';
    const scope = formValue(b, 'scopeId');
    const input = {
      email: formValue(b, 'email') ?? '',
      name: formValue(b, 'name') ?? '',
      locale: formValue(b, 'locale') === 'en' ? 'en' : 'vi',
      grants: [{ role, scopeId: scope ?? null }],
    };
    let id: string;
    try {
      id = await inviteUser(ctx, input, app.mailer, app.publicUrl);
    } catch (error) {
      const errors = fieldErrors(error, view.locale);
      if (!errors) throw error;
      const mapped = Object.fromEntries(
        Object.entries(errors).map(([k, v]) => [k === 'grants' ? 'scopeId' : k, v]),
      );
      return send(reply, inviteForm(view, mapped, b as Record<string, string>), 400);
    }
    return redirectWithNotice(reply, `/admin/users/${id}`, t(view.locale, TXT.invited));
  });

  app.get('/users/:id', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    authorize(ctx.actor, 'read', { type: 'user' });
    const { id } = request.params as { id: string };
    const user = await findUserById(ctx, id);
    if (!user) throw new NotFoundError('user', id);
    const grants = await grantsOf(ctx, id);
    const l = view.locale;
    const body = html`<dl class="facts">
        <dt>${t(l, BO.email)}</dt>
        <dd>${user.email}</dd>
        <dt>${t(l, BO.name)}</dt>
        <dd>${user.name}</dd>
        <dt>${t(l, TXT.status)}</dt>
        <dd>${t(l, TXT.statuses[user.status])}</dd>
        <dt>${t(l, TXT.grants)}</dt>
        <dd>${roleNames(l, grants)} ${grants.map((g) => (g.scopeId ? `(${g.scopeId})` : ''))}</dd>
      </dl>
      <h2>${t(l, TXT.grants)}</h2>
      <form method="post" action="/admin/users/${id}/grants">
        ${csrfField(view)}
        ${selectField({ name: 'role', label: t(l, TXT.role), value: grants[0]?.role, options: roleOptions(view) })}
        ${field({ name: 'scopeId', label: t(l, TXT.scope), value: grants[0]?.scopeId, hint: t(l, TXT.scopeHint) })}
        <button type="submit">${t(l, BO.save)}</button>
      </form>
      <form method="post" action="/admin/users/${id}/status">
        ${csrfField(view)}
        <input type="hidden" name="status" value="${user.status === 'disabled' ? 'active' : 'disabled'}" />
        <p>
          <button type="submit" class="${user.status === 'disabled' ? 'secondary' : 'danger'}">
            ${t(l, user.status === 'disabled' ? TXT.enable : TXT.disable)}
          </button>
        </p>
      </form>
      ${await recordHistory(ctx, 'user', id)}`;
    return send(reply, boPage(view, { title: user.email, active: 'users', body }));
  });

  app.post('/users/:id/grants', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const { id } = request.params as { id: string };
    const role = formValue(request.body, 'role') ?? '';
    const scopeId = formValue(request.body, 'scopeId') ?? null;
    await setGrants(ctx, id, [{ role, scopeId }]);
    return redirectWithNotice(reply, `/admin/users/${id}`, t(view.locale, BO.saved));
  });

  app.post('/users/:id/status', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const { id } = request.params as { id: string };
    const status = formValue(request.body, 'status') === 'active' ? 'active' : 'disabled';
    await setUserStatus(ctx, id, status);
    return redirectWithNotice(reply, `/admin/users/${id}`, t(view.locale, BO.saved));
  });

  app.get('/notifications', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const page = pageOf(request.query);
    const result = await listNotifications(ctx, ctx.actor.id, {}, { page, limit: 30 });
    const l = view.locale;
    const unread = result.items.some((n) => n.read_at === null);
    const body = html`${
        unread
          ? html`<form method="post" action="/admin/notifications/read">
              ${csrfField(view)} <input type="hidden" name="ids" value="all" /><button
                type="submit"
                class="secondary"
              >
                ${t(l, TXT.markAllRead)}
              </button>
            </form>`
          : ''
      }
      ${result.items.length === 0 ? html`<p>${t(l, BO.none)}</p>` : ''}
      <ul class="notifications">
        ${result.items.map(
          (
            n,
          ) => html`<li${n.read_at === null ? html` class="unread"` : ''}><p><strong>${n.link ? html`<a href="${n.link}">${n.title}</a>` : n.title}</strong>
          ${n.read_at === null ? html` <span class="status status-expiring">${t(l, TXT.unread)}</span>` : ''} — ${formatDateTime(l, n.created_at)}</p>
          <pre style="white-space:pre-wrap;font:inherit">${n.body}</pre></li>`,
        )}
      </ul>
      ${pagination(view, '/admin/notifications', new URLSearchParams(), page, 30, result.total)}`;
    return send(reply, boPage(view, { title: TXT.notifications, active: 'home', body }));
  });

  app.post('/notifications/read', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    const ids = formValue(request.body, 'ids');
    await markNotificationsRead(ctx, ctx.actor.id, ids === 'all' || ids === undefined ? 'all' : [ids]);
    return redirectWithNotice(reply, `/admin/notifications`, t(view.locale, BO.saved));
  });

  app.get('/outbox', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    authorize(ctx.actor, 'read', { type: 'outbox' });
    const page = pageOf(request.query);
    const result = await listMail(ctx, {}, { page, limit: 20 });
    const l = view.locale;
    const body = html`<p>${t(l, TXT.outboxNote)}</p>
      ${result.items.length === 0 ? html`<p>${t(l, BO.none)}</p>` : ''}
      ${result.items.map(
        (m) =>
          html`<article class="card">
            <h2>${m.subject}</h2>
            <p>${t(l, TXT.to)}: ${m.to_address} · ${formatDateTime(l, m.created_at)} · ${m.status}</p>
            <pre style="white-space:pre-wrap">${m.body_text}</pre>
          </article>`,
      )}
      ${pagination(view, '/admin/outbox', new URLSearchParams(), page, 20, result.total)}`;
    return send(reply, boPage(view, { title: BO.outbox, active: 'outbox', body }));
  });

  app.get('/audit', async (request, reply) => {
    const { view, ctx } = requireStaff(request, reply);
    authorize(ctx.actor, 'list', { type: 'auditLog' });
    const q = request.query as Record<string, string | undefined>;
    const date = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined);
    const filters = {
      entityType: q.entityType && ENTITY_TYPES.includes(q.entityType) ? q.entityType : undefined,
      entityId: q.entityId?.slice(0, 64) || undefined,
      actor: q.actor?.slice(0, 200) || undefined,
      action: q.action?.slice(0, 64) || undefined,
      from: date(q.from),
      to: date(q.to),
    };
    const page = pageOf(q);
    const result = await searchAuditLog(ctx, filters, { page, limit: 50 });
    const names = await actorNames(
      ctx,
      result.items.map((e) => e.actor),
    );
    const l = view.locale;
    const params = new URLSearchParams(
      Object.entries(filters).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const body = html`<form method="get" class="filters" role="search">
        ${selectField({ name: 'entityType', label: t(l, TXT.entityType), value: filters.entityType, blank: '—', options: ENTITY_TYPES.map((e) => ({ value: e, label: e })) })}
        ${field({ name: 'entityId', label: t(l, TXT.entityId), value: filters.entityId })}
        ${field({ name: 'action', label: t(l, TXT.action), value: filters.action })}
        ${field({ name: 'actor', label: t(l, TXT.who), value: filters.actor, hint: 'user:usr_…, cli:cli, system:…' })}
        ${field({ name: 'from', label: t(l, TXT.from), type: 'date', value: filters.from })}
        ${field({ name: 'to', label: t(l, TXT.toDate), type: 'date', value: filters.to })}
        <button type="submit">${t(l, BO.filter)}</button>
      </form>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">${t(l, TXT.at)}</th>
              <th scope="col">${t(l, TXT.who)}</th>
              <th scope="col">${t(l, TXT.action)}</th>
              <th scope="col">${t(l, TXT.record)}</th>
              <th scope="col">${t(l, TXT.changes)}</th>
            </tr>
          </thead>
          <tbody>
            ${result.items.map(
              (e) =>
                html`<tr>
                  <td>${formatDateTime(l, e.at)}</td>
                  <td>${names.get(e.actor) ?? e.actor}</td>
                  <td>${e.action}</td>
                  <td>${e.entity_type} <code>${e.entity_id}</code></td>
                  <td>${changesList(e.changes)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${pagination(view, '/admin/audit', params, page, 50, result.total)}`;
    return send(reply, boPage(view, { title: BO.audit, active: 'audit', body }));
  });

  function inviteForm(view: BoView, errors: Record<string, string>, values: Record<string, string>): string {
    const l = view.locale;
    return boPage(view, {
      title: TXT.invite,
      active: 'users',
      body: html`${errorSummary(view, errors)}
        <form method="post" action="/admin/users" novalidate>
          ${csrfField(view)}
          ${field({ name: 'email', label: t(l, BO.email), type: 'email', required: true, value: values.email, error: errors.email })}
          ${field({ name: 'name', label: t(l, BO.name), required: true, value: values.name, error: errors.name })}
          ${selectField({ name: 'role', label: t(l, TXT.role), required: true, value: values.role, options: roleOptions(view), error: errors.role })}
          ${field({ name: 'scopeId', label: t(l, TXT.scope), value: values.scopeId, hint: t(l, TXT.scopeHint), error: errors.scopeId })}
          ${selectField({
            name: 'locale',
            label: 'Ngôn ngữ / Language',
            value: values.locale ?? 'vi',
            options: [
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ],
          })}
          <button type="submit">${t(l, TXT.invite)}</button>
        </form>`,
    });
  }
}
