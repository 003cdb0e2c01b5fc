/// <reference lib="dom" />
import { pageLocale } from './i18n.js';

/**
 * Autosave of the council member's score sheet (src/backoffice/score-sheet.page.ts). Without it the form posts
 * ("Lưu nháp", "Nộp phiếu"); with it each change redraws the parts A/B/C at once and, after a pause, saves the
 * draft with PUT `data-url` (the session cookie and the `data-csrf` token), then shows the time of the save or
 * the reason it failed in the live region, and the total the server computed. The words come from the page.
 */
const DEBOUNCE_MS = 800;

export function mount(root: HTMLElement): void {
  if (!(root instanceof HTMLFormElement)) return;
  const status = root.querySelector<HTMLElement>('[data-ss-status]');
  const url = root.dataset.url;
  const csrf = root.dataset.csrf;
  if (!status || !url || !csrf) return;
  new Autosave(root, status, url, csrf);
}

class Autosave {
  private readonly locale = pageLocale();
  private readonly number = new Intl.NumberFormat(this.locale === 'en' ? 'en-GB' : 'vi-VN');
  private readonly clock = new Intl.DateTimeFormat(this.locale === 'en' ? 'en-GB' : 'vi-VN', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  });
  private timer: number | undefined;
  private pending: AbortController | undefined;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly status: HTMLElement,
    private readonly url: string,
    private readonly csrf: string,
  ) {
    status.textContent = form.dataset.textAuto ?? '';
    form.addEventListener('change', () => {
      this.redrawParts();
      window.clearTimeout(this.timer);
      this.timer = window.setTimeout(() => void this.save(), DEBOUNCE_MS);
    });
    // The posted form saves the same answers: a late autosave must not race it.
    form.addEventListener('submit', () => {
      window.clearTimeout(this.timer);
      this.pending?.abort();
    });
  }

  private answers(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const set of this.form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-criterion]')) {
      const checked = set.querySelector<HTMLInputElement>('input[type="radio"]:checked');
      if (set.dataset.criterion && checked?.value) out[set.dataset.criterion] = checked.value;
    }
    return out;
  }

  private outOf(n: number, max: number): string {
    const template = this.form.querySelector<HTMLElement>('[data-out-of]')?.dataset.outOf ?? '{n}/{max}';
    return template.replace('{n}', this.number.format(n)).replace('{max}', this.number.format(max));
  }

  /** Parts are plain sums of the checked options, as the server draws them; the total comes from the save. */
  private redrawParts(): void {
    for (const part of this.form.querySelectorAll<HTMLElement>('[data-part]')) {
      let sum = 0;
      for (const input of part.querySelectorAll<HTMLInputElement>('input[type="radio"]:checked')) {
        sum += Number(input.dataset.points) || 0;
      }
      const cell = this.form.querySelector<HTMLElement>(`[data-ss-part-total="${part.dataset.part ?? ''}"]`);
      if (cell) cell.textContent = this.outOf(Math.round(sum * 100) / 100, Number(cell.dataset.max));
    }
  }

  private async save(): Promise<void> {
    this.pending?.abort();
    const pending = (this.pending = new AbortController());
    try {
      const res = await fetch(this.url, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': this.csrf,
          'accept-language': this.locale,
        },
        body: JSON.stringify({ answers: this.answers() }),
        signal: pending.signal,
      });
      const body = (await res.json().catch(() => ({}))) as {
        total?: number;
        error?: { message?: string };
      };
      if (!res.ok || typeof body.total !== 'number')
        throw new Error(body.error?.message ?? String(res.status));
      const total = this.form.querySelector<HTMLElement>('[data-ss-total]');
      if (total) total.textContent = this.outOf(body.total, 100);
      this.say(this.form.dataset.textSaved, '{time}', this.clock.format(new Date()));
    } catch (error) {
      if (pending.signal.aborted) return;
      this.say(this.form.dataset.textFailed, '{reason}', error instanceof Error ? error.message : '');
    }
  }

  private say(template: string | undefined, key: string, value: string): void {
    this.status.textContent = (template ?? '').replace(key, value);
  }
}
