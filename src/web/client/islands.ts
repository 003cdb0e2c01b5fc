/// <reference lib="dom" />
/**
 * The one script every page may load: it finds the island hooks (`data-island="…"`) and imports only the islands
 * the page has. Islands below the fold (mini-map) wait until they come near the viewport, so a product page
 * ships the loader alone until the reader scrolls to the map.
 */
interface Island {
  mount(root: HTMLElement): void;
}

const LOADERS: Record<string, () => Promise<Island>> = {
  suggest: () => import('./suggest.js'),
  map: () => import('./map.js'),
  'mini-map': () => import('./mini-map.js'),
  charts: () => import('./charts.js'),
  // The live self-assessment sheet (src/web/self-assessment.page.ts).
  'self-assessment': () => import('./self-assessment.js'),
  // The back office's location picker (src/backoffice/sales-points.page.ts).
  'map-picker': () => import('./map-picker.js'),
  // The council member's score sheet autosave (src/backoffice/score-sheet.page.ts).
  'score-sheet': () => import('./score-sheet.js'),
  // The checkout's search over the 2025 communes and their old names (src/web/shop.view.ts).
  'commune-picker': () => import('./commune-picker.js'),
};

const LAZY = new Set(['mini-map']);

function start(root: HTMLElement): void {
  const load = LOADERS[root.dataset.island ?? ''];
  if (!load) return;
  load()
    .then((island) => {
      island.mount(root);
    })
    .catch((error: unknown) => {
      // The server-rendered content stays in place: an island only ever adds to it.
      console.error('island failed to load', root.dataset.island, error);
    });
}

function whenNear(root: HTMLElement): void {
  if (!('IntersectionObserver' in window)) {
    start(root);
    return;
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        start(root);
      }
    },
    { rootMargin: '200px' },
  );
  observer.observe(root);
}

for (const root of document.querySelectorAll<HTMLElement>('[data-island]')) {
  if (LAZY.has(root.dataset.island ?? '')) whenNear(root);
  else start(root);
}
