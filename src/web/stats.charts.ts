import { BarChart, MapChart, PieChart } from 'echarts/charts';
import { GridComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { choroplethOutline, type Ward } from './map.geo.js';

/**
 * The statistics charts, drawn on the server by ECharts' SVG renderer (server-side rendering): they show
 * without JavaScript, ship no chart library to the phone, and the `charts` island only adds tooltips through
 * ECharts' tiny SSR client. Only the parts used are registered (bar, pie, map, grid, visual map, SVG).
 */
echarts.use([BarChart, PieChart, MapChart, GridComponent, VisualMapComponent, SVGRenderer]);

const INK = '#1c1b1a';
const MUTED = '#55514b';
const BRAND = '#0b5d3b';
const PALETTE = ['#0b5d3b', '#8a4b00', '#1a56db', '#a3211a', '#5b3f8c', '#3d6b00', '#00676b', '#8c2f5b'];
const MAP_NAME = 'hanoi-wards-2025';

interface Size {
  width: number;
  height: number;
}

function render(option: echarts.EChartsCoreOption, size: Size): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...size });
  try {
    chart.setOption({
      animation: false,
      textStyle: { color: INK, fontFamily: 'system-ui, sans-serif' },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

export interface BarInput {
  categories: string[];
  values: number[];
  /** Formats an axis value (thousands separators of the page's language). */
  format: (n: number) => string;
  color?: string;
}

export function barChart(input: BarInput, size: Size = { width: 640, height: 300 }): string {
  return render(
    {
      grid: { left: 64, right: 16, top: 24, bottom: 40 },
      xAxis: {
        type: 'category',
        data: input.categories,
        axisLabel: { color: INK, fontSize: 13 },
        axisLine: { lineStyle: { color: MUTED } },
      },
      yAxis: {
        type: 'value',
        axisLabel: { color: MUTED, fontSize: 12, formatter: input.format },
        splitLine: { lineStyle: { color: '#e4dfd6' } },
      },
      series: [
        {
          type: 'bar',
          data: input.values,
          itemStyle: { color: input.color ?? BRAND },
          label: {
            show: true,
            position: 'top',
            color: INK,
            formatter: (p: { value: number }) => input.format(p.value),
          },
        },
      ],
    },
    size,
  );
}

export interface PieInput {
  items: Array<{ name: string; value: number }>;
  format: (n: number) => string;
}

export function pieChart(input: PieInput, size: Size = { width: 640, height: 340 }): string {
  return render(
    {
      color: PALETTE,
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          center: ['50%', '52%'],
          data: input.items,
          label: {
            color: INK,
            fontSize: 12,
            width: 140,
            overflow: 'break',
            formatter: (p: { name: string; value: number }) => `${p.name}: ${input.format(p.value)}`,
          },
        },
      ],
    },
    size,
  );
}

let registered = false;

function registerWards(wards: readonly Ward[]): void {
  if (registered) return;
  echarts.registerMap(MAP_NAME, choroplethOutline(wards));
  registered = true;
}

export interface ChoroplethInput {
  wards: readonly Ward[];
  /** Count per ward code; wards absent count 0. */
  counts: ReadonlyMap<string, number>;
  format: (n: number) => string;
}

/** Certified products per 2025 ward, in five classes of a green scale (legend bottom left). */
export function choropleth(input: ChoroplethInput, size: Size = { width: 640, height: 640 }): string {
  registerWards(input.wards);
  const values = input.wards.map((w) => input.counts.get(w.code) ?? 0);
  const max = Math.max(1, ...values);
  const step = Math.max(1, Math.ceil(max / 5));
  const pieces = [0, 1, 2, 3, 4].map((i) => ({
    min: i === 0 ? 0 : i * step + 1,
    max: (i + 1) * step,
    label: `${input.format(i === 0 ? 0 : i * step + 1)}–${input.format((i + 1) * step)}`,
  }));
  return render(
    {
      visualMap: {
        type: 'piecewise',
        pieces,
        left: 8,
        bottom: 8,
        textStyle: { color: INK, fontSize: 12 },
        inRange: { color: ['#eef5f1', '#bcd9c8', '#7fb59a', '#3f8a66', '#0b5d3b'] },
      },
      series: [
        {
          type: 'map',
          map: MAP_NAME,
          nameProperty: 'code',
          roam: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '95%',
          itemStyle: { borderColor: '#ffffff', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#8a4b00' } },
          label: { show: false },
          data: input.wards.map((w, i) => ({ name: w.code, value: values[i] ?? 0 })),
        },
      ],
    },
    size,
  );
}
