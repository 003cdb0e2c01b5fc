import type { Ctx, Locale } from '../core/context.js';
import { newSortableId } from '../core/ids.js';
import type { ApplicationTable } from '../db/schema.js';
import { insertNotifications } from '../notifications/notification.repository.js';
import { t } from '../views/format.js';
import { EVENT_LABELS, type ApplicationEvent } from './application.workflow.js';
import * as repo from './notices.repository.js';

/**
 * Who hears of a step of an application, in the back office's notifications (written in the step's transaction,
 * so a refused step tells nobody): the commune when it is filed, the secretaries when the commune proposes it, the
 * producer when it is returned or decided. The notification links to the application's page.
 */
type Audience = 'commune' | 'secretary' | 'producer';

const AUDIENCE: Partial<Record<ApplicationEvent, Audience>> = {
  submit: 'commune',
  propose: 'secretary',
  commune_return: 'producer',
  province_return: 'producer',
  certify: 'producer',
  reject: 'producer',
  send_central: 'producer',
  central_decide: 'producer',
};

export async function noticeStep(
  tx: Ctx,
  app: ApplicationTable,
  event: ApplicationEvent,
  reason: string | null,
): Promise<void> {
  const audience = AUDIENCE[event];
  if (!audience) return;
  const scope = audience === 'commune' ? app.commune_id : audience === 'producer' ? app.producer_id : null;
  const users = await repo.usersWithRole(tx, audience, scope);
  if (users.length === 0) return;
  const product = (await repo.productName(tx, app.product_id)) ?? app.product_id;
  const now = tx.clock.now().toISOString();
  await insertNotifications(
    tx,
    users.map((u) => ({
      id: newSortableId('ntf'),
      user_id: u.id,
      kind: `application.${event}`,
      title: title(u.locale, product, event),
      body: reason ?? t(u.locale, EVENT_LABELS[event]),
      link: `/admin/applications/${app.id}`,
      created_at: now,
      read_at: null,
    })),
  );
}

function title(locale: Locale, product: string, event: ApplicationEvent): string {
  return `${locale === 'en' ? 'Application' : 'Hồ sơ'} “${product}”: ${t(locale, EVENT_LABELS[event])}`;
}
