/// <reference lib="dom" />
import { foldVi } from '../../core/vi-text.js';
import { say } from './i18n.js';

/**
 * A search box above the checkout's list of the 126 communes and wards of 2025 (src/web/shop.view.ts). Typing
 * "phu xuyen" or an old name ("thi tran phu xuyen", "quan hoan kiem") keeps only the matching options, without
 * accents and with đ = d, folded as the server folds; one match left is chosen. The options' `data-search` holds
 * the folded names, '|' between them: the commune's own, then the communes and districts it replaced. Without this
 * island the plain select works as before. Hook: `<div data-island="commune-picker">` around a label and a flat
 * select (no optgroups: the list is rebuilt from its options).
 */
interface Entry {
  option: HTMLOptionElement;
  /** Each name's words. */
  names: string[][];
}

const words = (text: string): string[] => foldVi(text).split(' ').filter(Boolean);

/** Every typed word starts a word of one and the same name ("hoan ki" finds "phuong hoan kiem"). */
function matches(entry: Entry, query: readonly string[]): boolean {
  return entry.names.some((name) => query.every((q) => name.some((w) => w.startsWith(q))));
}

function entryOf(option: HTMLOptionElement): Entry {
  const names = (option.dataset.search ?? '').split('|').map(words);
  names.push(words(option.text));
  return { option, names: names.filter((n) => n.length > 0) };
}

function countText(count: number, chosen: string | null): string {
  if (chosen !== null)
    return say({
      vi: `1 xã, phường khớp, đã chọn: ${chosen}.`,
      en: `1 commune or ward matches, chosen: ${chosen}.`,
    });
  if (count === 0) return say({ vi: 'Không có xã, phường nào khớp.', en: 'No commune or ward matches.' });
  return say({
    vi: `${String(count)} xã, phường khớp.`,
    en: `${String(count)} communes or wards match.`,
  });
}

/** The labelled search box, its hint and the polite count of matches, put above the list. */
function searchBox(
  root: HTMLElement,
  select: HTMLSelectElement,
): { input: HTMLInputElement; count: HTMLElement } {
  const ids = {
    input: `${select.id}-search`,
    hint: `${select.id}-search-hint`,
    count: `${select.id}-search-count`,
  };
  const box = document.createElement('div');
  box.className = 'commune-search';
  const label = document.createElement('label');
  label.htmlFor = ids.input;
  label.textContent = say({ vi: 'Tìm xã, phường', en: 'Find the commune or ward' });
  const input = document.createElement('input');
  input.type = 'search';
  input.id = ids.input;
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.setAttribute('aria-controls', select.id);
  input.setAttribute('aria-describedby', `${ids.hint} ${ids.count}`);
  const hint = document.createElement('p');
  hint.id = ids.hint;
  hint.className = 'muted';
  hint.textContent = say({
    vi: 'Tên mới hoặc tên cũ trước 7/2025 (xã, phường, quận, huyện), có dấu hay không. Mũi tên xuống để vào danh sách.',
    en: 'The new name or an old one from before July 2025 (commune, ward, district), with or without accents. Arrow down to reach the list.',
  });
  const count = document.createElement('p');
  count.id = ids.count;
  count.className = 'muted';
  count.setAttribute('role', 'status');
  count.setAttribute('aria-live', 'polite');
  box.append(label, input, hint, count);
  root.prepend(box);
  return { input, count };
}

export function mount(root: HTMLElement): void {
  const select = root.querySelector('select');
  if (!select) return;
  const blank = [...select.options].filter((o) => o.value === '');
  const entries = [...select.options].filter((o) => o.value !== '').map(entryOf);
  const { input, count } = searchBox(root, select);

  const filter = () => {
    const query = words(input.value);
    const shown = query.length ? entries.filter((e) => matches(e, query)) : entries;
    const before = select.value;
    select.replaceChildren(...blank, ...shown.map((e) => e.option));
    // Rebuilding the list leaves the browser to pick a selection of its own: set it every time. The choice stays
    // while it still matches; one match left is chosen.
    const only = query.length && shown.length === 1 ? shown[0] : undefined;
    const kept = shown.some((e) => e.option.value === before) ? before : '';
    select.value = only ? only.option.value : kept;
    if (select.value !== before) select.dispatchEvent(new Event('change', { bubbles: true }));
    count.textContent = query.length ? countText(shown.length, only ? only.option.text.trim() : null) : '';
  };
  input.addEventListener('input', filter);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === 'ArrowDown') {
      // Enter would submit the whole order from a search box: it goes to the list instead.
      e.preventDefault();
      select.focus();
    } else if (e.key === 'Escape' && input.value !== '') {
      e.preventDefault();
      input.value = '';
      filter();
    }
  });
}
