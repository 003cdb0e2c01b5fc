/**
 * Benchmark of the evaluation documents (issue 8): one certificate PDF, a 30-row decision appendix as PDF and
 * as XLSX, and a whole session's documents (30 certificates and both appendices). Each figure is printed beside
 * a baseline measured in the same run: an empty pdfkit page, and a page with the embedded Vietnamese font.
 * Not a test.
 *
 *   node --import tsx bench/documents.ts [ITERATIONS]
 */
import { cpus, loadavg } from 'node:os';
import PDFDocument from 'pdfkit';
import { certificatePdf, decisionAppendixPdf, decisionAppendixXlsx } from '../src/documents/index.js';
import { newPdf, pdfBytes } from '../src/documents/pdf.js';
import { sampleCertificate, sampleDecision } from '../src/documents/samples.js';
import { machine } from './support.js';

const ITERATIONS = Number(process.argv[2] ?? 40);
const WARM_UP = 5;

interface Timing {
  median: number;
  mean: number;
  /** CPU time of the process per document: steadier than wall time when others share the machine. */
  cpu: number;
  bytes: number;
}

async function time(run: (i: number) => Promise<Buffer>, iterations = ITERATIONS): Promise<Timing> {
  for (let i = 0; i < WARM_UP; i++) await run(i);
  const times: number[] = [];
  let bytes = 0;
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    bytes = (await run(i)).length;
    times.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  times.sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const cpuMs = (cpu.user + cpu.system) / 1000 / iterations;
  return { median: times[Math.floor(times.length / 2)] ?? NaN, mean, cpu: cpuMs, bytes };
}

function emptyPage(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape' });
  return pdfBytes(doc);
}

async function fontPage(): Promise<Buffer> {
  const doc = await newPdf(
    { title: 't', author: 'a', subject: 's', date: '2026-01-02', lang: 'vi-VN' },
    { margin: 0 },
  );
  doc.text('Mật ong hoa nhãn Hưng Yên - Hợp tác xã Nông nghiệp Đồng Tâm', 50, 50);
  return pdfBytes(doc);
}

async function session(): Promise<Buffer> {
  const decision = sampleDecision(30);
  const files = await Promise.all([
    ...Array.from({ length: 30 }, (_, i) => certificatePdf(sampleCertificate(i))),
    decisionAppendixPdf(decision),
    decisionAppendixXlsx(decision),
  ]);
  return Buffer.concat(files);
}

function row(name: string, t: Timing, baseline: number): string {
  const ratio = (t.median / baseline).toFixed(1);
  const kib = (t.bytes / 1024).toFixed(0);
  return `| ${name} | ${t.median.toFixed(1)} | ${t.mean.toFixed(1)} | ${t.cpu.toFixed(1)} | ${ratio}× | ${kib} |`;
}

async function main(): Promise<void> {
  const appendix = sampleDecision(30);
  const empty = await time(() => emptyPage());
  const font = await time(() => fontPage());
  const certificate = await time((i) => certificatePdf(sampleCertificate(i)));
  const pdf = await time(() => decisionAppendixPdf(appendix));
  const xlsx = await time(() => decisionAppendixXlsx(appendix));
  const all = await time(() => session(), 5);
  console.log(
    `\n## Evaluation documents (${machine()}; median of ${String(ITERATIONS)} after ${String(WARM_UP)} warm-up)`,
  );
  console.log('| document | median ms | mean ms | CPU ms | median × empty pdfkit page | KiB |');
  console.log('|---|---|---|---|---|---|');
  console.log(row('baseline: empty pdfkit page', empty, empty.median));
  console.log(row('baseline: one line in the embedded font', font, empty.median));
  console.log(row('certificate PDF (QR, stars)', certificate, empty.median));
  console.log(row('appendix PDF, 30 rows', pdf, empty.median));
  console.log(row('appendix XLSX, 30 rows', xlsx, empty.median));
  console.log(row('session: 30 certificates + both appendices', all, empty.median));
  console.log(
    `load average while measuring: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')} on ${String(cpus().length)} cores`,
  );
  console.log('target (issue 8): a session of 30 applications scored, with results and documents, under 2 s');
}

await main();
