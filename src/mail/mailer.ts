import type { Transporter } from 'nodemailer';
import type { Ctx } from '../core/context.js';
import { newSortableId } from '../core/ids.js';
import { insertMail, markMail, queuedMail } from './mail.repository.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Mail is written to the outbox in the caller's transaction, so a rolled-back change sends nothing. With SMTP
 * configured, rows are `queued` and a dispatcher sends them after commit; without it they stay in the outbox
 * (status `outbox`), which administrators read in the back office.
 */
export class Mailer {
  private transport: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly options: { smtpUrl: string | null; from: string },
    private readonly base: Pick<Ctx, 'db' | 'clock'>,
  ) {}

  get smtp(): boolean {
    return this.options.smtpUrl !== null;
  }

  async enqueue(ctx: Ctx, mail: Mail): Promise<void> {
    await insertMail(ctx, {
      id: newSortableId('mail'),
      to_address: mail.to.toLowerCase(),
      subject: mail.subject,
      body_text: mail.text,
      created_at: ctx.clock.now().toISOString(),
      status: this.smtp ? 'queued' : 'outbox',
      sent_at: null,
      error: null,
    });
    if (this.smtp) setImmediate(() => void this.flush());
  }

  /** Sends every queued mail; one at a time, never twice at once. */
  flush(): Promise<void> {
    if (!this.smtp) return Promise.resolve();
    this.flushing ??= this.sendQueued().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  start(): void {
    if (!this.smtp) return;
    this.timer ??= setInterval(() => void this.flush(), 30_000);
    this.timer.unref();
    void this.flush();
  }

  stop(): void {
    clearInterval(this.timer);
    this.transport?.close();
  }

  private async sendQueued(): Promise<void> {
    const ctx = { ...this.base, locale: 'vi' as const, actor: { kind: 'system' as const, id: 'mailer' } };
    const transport = await this.transporter();
    for (const mail of await queuedMail(ctx, 50)) {
      try {
        await transport.sendMail({
          from: this.options.from,
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body_text,
        });
        await markMail(ctx, mail.id, { status: 'sent', sent_at: ctx.clock.now().toISOString(), error: null });
      } catch (error) {
        await markMail(ctx, mail.id, { status: 'failed', sent_at: null, error: String(error).slice(0, 500) });
      }
    }
  }

  private async transporter(): Promise<Transporter> {
    if (!this.transport) {
      const nodemailer = await import('nodemailer');
      this.transport = nodemailer.createTransport(this.options.smtpUrl ?? '');
    }
    return this.transport;
  }
}
