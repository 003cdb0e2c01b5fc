import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CRITERIA_DIR } from './scorecard.loader.js';
import { SCORECARDS, SECTORS, scorecardInfo, sectorOf } from './taxonomy.js';

describe('taxonomy', () => {
  it('has the six sectors of Decision 148 in order, named in Vietnamese and English', () => {
    expect(SECTORS.map((s) => [s.code, s.nameVi])).toEqual([
      ['I', 'Thực phẩm'],
      ['II', 'Đồ uống'],
      ['III', 'Dược liệu và sản phẩm từ dược liệu'],
      ['IV', 'Hàng thủ công mỹ nghệ'],
      ['V', 'Sinh vật cảnh'],
      ['VI', 'Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch'],
    ]);
    expect(SECTORS.every((s) => s.nameEn.length > 0)).toBe(true);
  });

  it('places sets 1–13 in food, 14–17 drinks, 18–20 herbal, 21–22 handicraft, 23–25 ornamental, 26 tourism', () => {
    const count = (code: string) => SCORECARDS.filter((s) => s.sectorCode === code).length;
    expect([count('I'), count('II'), count('III'), count('IV'), count('V'), count('VI')]).toEqual([
      13, 4, 3, 2, 3, 1,
    ]);
    expect([sectorOf(13), sectorOf(14), sectorOf(20), sectorOf(21), sectorOf(25), sectorOf(26)]).toEqual([
      'I',
      'II',
      'III',
      'IV',
      'V',
      'VI',
    ]);
  });

  it('names every scorecard as index.tsv does, without the "Bộ sản phẩm" prefix', () => {
    const index = readFileSync(join(CRITERIA_DIR, 'index.tsv'), 'utf8').trim().split('\n');
    expect(index).toHaveLength(26);
    for (const line of index) {
      const [file = '', original = ''] = line.split('\t');
      const name = original
        .replace(/^OCOP - \d+\.\s*/u, '')
        .replace(/^Bộ sản phẩm[_;]\s*/u, '')
        .replace(/\.csv$/u, '');
      const id = Number(/set-(\d+)\.csv/u.exec(file)?.[1]);
      expect(scorecardInfo(id)).toMatchObject({ file, nameVi: name });
    }
    expect(new Set(SCORECARDS.map((s) => s.nameEn)).size).toBe(26);
  });
});
