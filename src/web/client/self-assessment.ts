/// <reference lib="dom" />
import { dataJson, pageLocale } from './i18n.js';

/**
 * The live self-assessment sheet (src/web/self-assessment.page.ts). Without it the sheet is a GET form the
 * server scores; with it every change is scored by POST /api/v1/self-assessment (debounced), the address keeps
 * the answers (history.replaceState, so it stays a shareable draft) and the draft is saved on this device per
 * scorecard and criteria version. The words come from the page (`data-text`), in its language.
 */
interface Step {
  criterionId: string;
  from: string | null;
  to: string;
  points: number;
}
interface Unmet {
  criterionId: string;
  forStars: number;
  needed: string;
  minPoints: number;
  chosen: string | null;
}
interface Result {
  version: string;
  total: number;
  parts: Record<string, number>;
  band: number | null;
  cap: number | null;
  stars: number | null;
  unmet: Unmet[];
  nextStar: { stars: number; pointsNeeded: number; cheapestSteps: Step[]; totalAfter: number } | null;
  knockOut: { criterionId: string; text: string; effect: 'eliminated' | 'stopped' } | null;
}
interface Draft {
  answers: Record<string, string>;
  knockOuts: string[];
}

const DEBOUNCE_MS = 250;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c);

export function mount(root: HTMLElement): void {
  const form = root.querySelector<HTMLFormElement>('form.sa-sheet');
  const body = root.querySelector<HTMLElement>('[data-sa-body]');
  const status = root.querySelector<HTMLElement>('[data-sa-status]');
  if (form && body && status) new Sheet(root, form, body, status);
}

class Sheet {
  private readonly words: Record<string, string>;
  private readonly key: string;
  /** Part code → its maximum, in scorecard order. */
  private readonly partMax: Record<string, number>;
  private readonly number = new Intl.NumberFormat(pageLocale() === 'en' ? 'en-GB' : 'vi-VN');
  private timer: number | undefined;
  private pending: AbortController | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly form: HTMLFormElement,
    private readonly body: HTMLElement,
    private readonly status: HTMLElement,
  ) {
    this.words = dataJson<Record<string, string>>(root, 'text', {});
    this.partMax = dataJson<Record<string, number>>(root, 'parts', {});
    this.key = `ocop:self-assessment:${root.dataset.scorecard ?? ''}:${root.dataset.version ?? ''}`;
    form.addEventListener('change', (e) => {
      this.onChange(e.target);
    });
    root.querySelector('[data-sa-reset]')?.addEventListener('click', (e) => {
      e.preventDefault();
      this.startOver();
    });
    this.restore();
  }

  /** Opened with no answers in the address: the draft saved on this device, if any, comes back. */
  private restore(): void {
    if (isEmpty(this.read())) {
      const draft = loadDraft(this.key);
      if (draft && !isEmpty(draft)) {
        this.apply(draft);
        this.showRestored();
        this.sync();
      }
    }
  }

  private onChange(target: EventTarget | null): void {
    if (target instanceof HTMLInputElement && target.type === 'radio' && target.value) this.oneCase(target);
    this.sync();
  }

  /** Set 26: answering in one case of a group clears the other cases, which would not be scored. */
  private oneCase(input: HTMLInputElement): void {
    const fieldset = input.closest<HTMLElement>('fieldset.sa-case');
    const group = fieldset?.dataset.caseGroup;
    if (!fieldset || !group) return;
    for (const other of this.form.querySelectorAll<HTMLElement>(
      `fieldset.sa-case[data-case-group="${group}"]`,
    )) {
      if (other === fieldset) continue;
      for (const blank of other.querySelectorAll<HTMLInputElement>('input[type=radio][value=""]'))
        blank.checked = true;
    }
  }

  private startOver(): void {
    this.apply({ answers: {}, knockOuts: [] });
    this.root.querySelector('[data-sa-restored]')?.remove();
    this.sync();
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Storage refused (private browsing): there is no draft to clear.
    }
  }

  private read(): Draft {
    const answers: Record<string, string> = {};
    const knockOuts: string[] = [];
    for (const input of this.form.querySelectorAll<HTMLInputElement>('input:checked')) {
      if (input.type === 'checkbox') knockOuts.push(input.value);
      else if (input.value) answers[input.name] = input.value;
    }
    return { answers, knockOuts };
  }

  private apply(draft: Draft): void {
    for (const input of this.form.querySelectorAll<HTMLInputElement>('input')) {
      input.checked =
        input.type === 'checkbox'
          ? draft.knockOuts.includes(input.value)
          : (draft.answers[input.name] ?? '') === input.value;
    }
  }

  /** The address, the saved draft and (soon) the result follow the form. */
  private sync(): void {
    const draft = this.read();
    const query = new URLSearchParams(Object.entries(draft.answers));
    for (const id of draft.knockOuts) query.append('ko', id);
    const search = query.toString();
    history.replaceState(history.state, '', search ? `?${search}` : location.pathname);
    try {
      localStorage.setItem(this.key, JSON.stringify(draft));
    } catch {
      // Storage refused: the address still holds the draft.
    }
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.score(draft), DEBOUNCE_MS);
  }

  private async score(draft: Draft): Promise<void> {
    this.pending?.abort();
    if (isEmpty(draft)) {
      this.show(`<p>${this.say('noAnswers')}</p>`, this.say('statusNone'));
      return;
    }
    const pending = (this.pending = new AbortController());
    try {
      const response = await fetch('/api/v1/self-assessment', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': pageLocale() },
        body: JSON.stringify({ scorecard: Number(this.root.dataset.scorecard), ...draft }),
        signal: pending.signal,
      });
      const json = (await response.json()) as Result & { error?: { details: Array<{ message: string }> } };
      if (json.error) this.showErrors(json.error.details.map((d) => d.message));
      else this.show(this.result(json), this.statusOf(json));
    } catch (error) {
      if (!pending.signal.aborted) this.status.textContent = this.say('failed');
      if (!(error instanceof DOMException)) console.error(error);
    }
  }

  private show(markup: string, status: string): void {
    this.root.querySelector('#sa-errors')?.remove();
    this.body.innerHTML = markup;
    this.status.textContent = status;
  }

  private showErrors(messages: string[]): void {
    const items = messages.map((m) => `<li>${esc(m)}</li>`).join('');
    const title = this.say('errorsTitle');
    this.show(`<div class="notice"><p><strong>${title}</strong></p><ul>${items}</ul></div>`, title);
  }

  private showRestored(): void {
    const notice = document.createElement('div');
    notice.className = 'notice info';
    notice.dataset.saRestored = '';
    notice.innerHTML = `<p>${this.say('draftRestored')}</p><button type="button" class="secondary">${this.say('clearDraft')}</button>`;
    notice.querySelector('button')?.addEventListener('click', () => {
      this.startOver();
    });
    this.root.prepend(notice);
  }

  private say(key: string, values: Record<string, string | number> = {}): string {
    return (this.words[key] ?? key).replace(/\{(\w+)\}/g, (whole, k: string) =>
      k in values ? esc(String(values[k])) : whole,
    );
  }

  private n = (value: number) => this.number.format(value);
  private pts = (value: number) => this.say(value === 1 ? 'point' : 'points', { n: this.n(value) });

  private statusOf(r: Result): string {
    if (r.stars === null) return this.say('statusKnockedOut', { n: this.n(r.total) });
    return this.say('statusLine', { n: this.n(r.total), stars: `${String(r.stars)}★` });
  }

  /** Mirrors the server's result panel (self-assessment.view.ts `resultBody`). */
  private result(r: Result): string {
    const facts = this.facts(r);
    if (r.knockOut) {
      const title = this.say(r.knockOut.effect === 'eliminated' ? 'eliminated' : 'stopped');
      return `<p class="sa-knockout"><strong>${title}</strong>: ${this.criterion(r.knockOut.criterionId)} — ${esc(r.knockOut.text)}</p><p>${this.say('knockedOutNote')}</p>${facts}`;
    }
    const stars = r.stars ?? 1;
    const label = this.say('starsLabel', { n: stars });
    const image = `<span class="stars" role="img" aria-label="${label}">${'★'.repeat(stars)}${'☆'.repeat(5 - stars)}</span>`;
    return (
      `<p class="sa-stars">${this.say('stars')}: ${image}</p>` +
      (stars < 3 ? `<p>${this.say('notCertified')}</p>` : '') +
      (stars === 5 ? `<p>${this.say('potentialFive')}</p>` : '') +
      facts +
      this.next(r)
    );
  }

  private facts(r: Result): string {
    const outOf = (n: number, max: number) => this.say('outOf', { n: this.n(n), max: this.n(max) });
    const row = (dt: string, dd: string) => `<dt>${dt}</dt><dd>${dd}</dd>`;
    const parts = Object.entries(this.partMax).map(([code, max]) =>
      row(this.say('part', { code }), outOf(r.parts[code] ?? 0, max)),
    );
    const levels =
      r.band === null || r.cap === null
        ? ''
        : row(this.say('band'), `${String(r.band)}★`) + row(this.say('cap'), `${String(r.cap)}★`);
    const total = row(this.say('total'), `<strong class="sa-total">${outOf(r.total, 100)}</strong>`);
    return `<dl class="facts sa-facts">${total}${parts.join('')}${levels}</dl>`;
  }

  private next(r: Result): string {
    const next = r.nextStar;
    if (!next) return `<p>${this.say('topLevel')}</p>`;
    const needed =
      next.pointsNeeded > 0
        ? this.say('pointsNeeded', { n: this.n(next.pointsNeeded) })
        : this.say('onlyMandatory');
    const unmet = r.unmet.map(
      (u) =>
        `<li>${this.say('unmetItem', {
          criterion: this.titleOf(u.criterionId),
          option: this.optionOf(u.criterionId, u.needed),
          points: this.pts(u.minPoints),
          stars: u.forStars,
          chosen: this.optionOf(u.criterionId, u.chosen),
        })}</li>`,
    );
    const steps = next.cheapestSteps.map(
      (s) =>
        `<li>${this.say('step', {
          criterion: this.titleOf(s.criterionId),
          from: this.optionOf(s.criterionId, s.from),
          to: this.optionOf(s.criterionId, s.to),
          points: this.pts(s.points),
        })}</li>`,
    );
    return (
      `<h3>${this.say('nextTitle', { n: next.stars })}</h3><p>${needed}</p>` +
      (unmet.length ? `<h4>${this.say('unmetTitle')}</h4><ul class="sa-unmet">${unmet.join('')}</ul>` : '') +
      (steps.length
        ? `<p>${this.say('stepsTitle')}</p><ol class="sa-steps">${steps.join('')}</ol><p>${this.say('totalAfter', { n: this.n(next.totalAfter) })}</p>`
        : `<p>${this.say('noStep')}</p>`)
    );
  }

  private fieldset(criterionId: string): HTMLElement | null {
    return this.form.querySelector<HTMLElement>(`fieldset[data-criterion="${criterionId}"]`);
  }

  /** "A1b (Gia tăng giá trị)", unescaped: `say` escapes the values it fills in. */
  private titleOf(criterionId: string): string {
    const title = this.fieldset(criterionId)?.querySelector('legend .sa-t')?.textContent ?? '';
    return `${criterionId} (${title})`;
  }

  private criterion(criterionId: string): string {
    return esc(this.titleOf(criterionId));
  }

  private optionOf(criterionId: string, optionId: string | null): string {
    if (optionId === null) return this.words.unanswered ?? '';
    const input = this.fieldset(criterionId)?.querySelector(`input[value="${optionId}"]`);
    return input?.parentElement?.querySelector('.sa-t')?.textContent ?? optionId;
  }
}

function isEmpty(draft: Draft): boolean {
  return Object.keys(draft.answers).length === 0 && draft.knockOuts.length === 0;
}

function loadDraft(key: string): Draft | null {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as Partial<Draft> | null;
    if (!value || typeof value.answers !== 'object') return null;
    return { answers: value.answers, knockOuts: Array.isArray(value.knockOuts) ? value.knockOuts : [] };
  } catch {
    return null;
  }
}
