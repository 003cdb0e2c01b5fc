/// <reference lib="dom" />
import { hydrate } from 'echarts/ssr/client/index.js';
import './islands.css';
import { dataJson } from './i18n.js';

/**
 * The statistics charts are drawn on the server by ECharts (SVG, src/web/stats.charts.ts) so they show without
 * JavaScript and cost no script at all; this island adds ECharts' light SSR client for hover emphasis and a
 * tooltip with the exact figure. The data tables beside the charts stay the accessible version.
 */
export function mount(root: HTMLElement): void {
  const tips = dataJson<string[][]>(root, 'tips', []);
  const tip = document.createElement('div');
  tip.className = 'chart-tip';
  tip.hidden = true;
  tip.setAttribute('aria-hidden', 'true');
  root.style.position = 'relative';
  root.append(tip);
  hydrate(root, {
    on: {
      mouseover: (params) => {
        const text = tips[params.seriesIndex ?? 0]?.[params.dataIndex ?? -1];
        if (params.ssrType !== 'chart' || text === undefined) return;
        const event = params.event as MouseEvent;
        const box = root.getBoundingClientRect();
        tip.textContent = text;
        tip.style.left = `${String(event.clientX - box.left + 12)}px`;
        tip.style.top = `${String(event.clientY - box.top + 12)}px`;
        tip.hidden = false;
      },
      mouseout: () => {
        tip.hidden = true;
      },
    },
  });
}
