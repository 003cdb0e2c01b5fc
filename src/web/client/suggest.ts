/// <reference lib="dom" />
import { pageLocale, say } from './i18n.js';
import './islands.css';

/**
 * As-you-type suggestions for the catalogue search box, following the ARIA 1.2 combobox pattern with a listbox
 * popup: the input keeps focus, arrows move `aria-activedescendant`, Enter opens the active suggestion (or
 * submits the form as before), Escape closes the list. Without this island the form simply submits.
 */
interface Suggestion {
  text: string;
  type: 'product' | 'producer' | 'craftVillage' | 'salesPoint';
  id: string;
  url: string;
}

const TYPE_LABELS: Record<Suggestion['type'], { vi: string; en: string }> = {
  product: { vi: 'Sản phẩm', en: 'Product' },
  producer: { vi: 'Chủ thể', en: 'Producer' },
  craftVillage: { vi: 'Làng nghề', en: 'Craft village' },
  salesPoint: { vi: 'Điểm bán', en: 'Sales point' },
};

const DEBOUNCE_MS = 150;
let counter = 0;

export function mount(root: HTMLElement): void {
  const input =
    root.querySelector<HTMLInputElement>('input#q') ?? document.querySelector<HTMLInputElement>('#q');
  if (!input) return;
  new Combobox(root, input);
}

class Combobox {
  private readonly listbox: HTMLUListElement;
  private readonly status: HTMLElement;
  private items: Suggestion[] = [];
  private active = -1;
  private timer: number | undefined;
  private pending: AbortController | undefined;
  /** The text whose list the visitor closed with Escape: a late answer for it must not reopen the list. */
  private dismissed: string | null = null;

  constructor(
    root: HTMLElement,
    private readonly input: HTMLInputElement,
  ) {
    const id = `suggest-${String(++counter)}`;
    root.classList.add('suggest');
    this.listbox = document.createElement('ul');
    this.listbox.id = `${id}-list`;
    this.listbox.className = 'suggest-list';
    this.listbox.setAttribute('role', 'listbox');
    this.listbox.setAttribute('aria-label', say({ vi: 'Gợi ý tìm kiếm', en: 'Search suggestions' }));
    this.listbox.hidden = true;
    this.status = document.createElement('div');
    this.status.className = 'visually-hidden';
    this.status.setAttribute('role', 'status');
    input.insertAdjacentElement('afterend', this.listbox);
    root.append(this.status);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', this.listbox.id);
    input.setAttribute('autocomplete', 'off');
    // A native datalist would open a second popup over this one.
    input.removeAttribute('list');
    input.addEventListener('input', () => {
      this.dismissed = null;
      this.schedule();
    });
    input.addEventListener('keydown', (e) => {
      this.onKey(e);
    });
    input.addEventListener('blur', () => {
      // Let a click on an option land before the list disappears.
      window.setTimeout(() => {
        this.close();
      }, 150);
    });
    this.listbox.addEventListener('mousedown', (e) => {
      e.preventDefault();
    });
    this.listbox.addEventListener('click', (e) => {
      const li = (e.target as HTMLElement).closest('li');
      const index = li ? Number(li.dataset.index) : -1;
      const item = this.items[index];
      if (item) window.location.assign(item.url);
    });
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      void this.fetchSuggestions(this.input.value.trim());
    }, DEBOUNCE_MS);
  }

  private async fetchSuggestions(q: string): Promise<void> {
    this.pending?.abort();
    if (q.length < 2) {
      this.render([]);
      return;
    }
    const controller = new AbortController();
    this.pending = controller;
    try {
      const response = await fetch(`/api/v1/search/suggest?q=${encodeURIComponent(q)}`, {
        headers: { accept: 'application/json', 'accept-language': pageLocale() },
        signal: controller.signal,
      });
      if (!response.ok) return;
      const body = (await response.json()) as { items: Suggestion[] };
      if (controller.signal.aborted) return;
      if (this.dismissed === q) this.items = body.items;
      else this.render(body.items);
    } catch {
      // Aborted by a newer keystroke, or offline: the form still submits.
    }
  }

  /**
   * Shows `items`. An answer that arrives after the visitor has moved to a suggestion (typing outruns the
   * network) keeps that suggestion active when it is still in the list, so Enter opens what the visitor chose.
   */
  private render(items: Suggestion[]): void {
    const chosen = this.active >= 0 ? this.items[this.active]?.url : undefined;
    this.items = items;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    this.listbox.replaceChildren(
      ...items.map((item, index) => {
        const li = document.createElement('li');
        li.id = `${this.listbox.id}-${String(index)}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset.index = String(index);
        const kind = document.createElement('span');
        kind.className = 'suggest-type';
        kind.textContent = say(TYPE_LABELS[item.type]);
        li.append(document.createTextNode(item.text), kind);
        return li;
      }),
    );
    const open = items.length > 0;
    this.listbox.hidden = !open;
    this.input.setAttribute('aria-expanded', String(open));
    this.status.textContent = open
      ? say({ vi: `${String(items.length)} gợi ý`, en: `${String(items.length)} suggestions` })
      : '';
    const kept = chosen === undefined ? -1 : items.findIndex((item) => item.url === chosen);
    if (kept >= 0) this.move(kept + 1);
  }

  private move(delta: number): void {
    if (!this.items.length) return;
    const count = this.items.length;
    this.active = (this.active + delta + count + 1) % (count + 1);
    if (this.active === count) this.active = -1;
    this.listbox.querySelectorAll('li').forEach((li, i) => {
      li.setAttribute('aria-selected', String(i === this.active));
      if (i === this.active) li.scrollIntoView({ block: 'nearest' });
    });
    if (this.active >= 0)
      this.input.setAttribute('aria-activedescendant', `${this.listbox.id}-${String(this.active)}`);
    else this.input.removeAttribute('aria-activedescendant');
  }

  private onKey(e: KeyboardEvent): void {
    const open = !this.listbox.hidden;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open && this.items.length) this.render(this.items);
      this.move(1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      this.move(-1);
    } else if (e.key === 'Enter' && open && this.active >= 0) {
      const item = this.items[this.active];
      if (item) {
        e.preventDefault();
        window.location.assign(item.url);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        this.dismissed = this.input.value.trim();
        this.close();
      } else this.input.value = '';
    }
  }

  private close(): void {
    this.listbox.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
