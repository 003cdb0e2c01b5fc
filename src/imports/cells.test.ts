import { describe, expect, it } from 'vitest';
import {
  neutralizeFormula,
  parseDate,
  parseLevel,
  parseScorecard,
  parseScore,
  parseStars,
  restoreFormula,
  cellText,
} from './cells.js';

const value = <T>(p: { ok: true; value: T } | { ok: false }) => (p.ok ? p.value : 'ERR');
const D: [string, string] = ['ngày', 'date'];

describe('cells of an appendix', () => {
  it('read stars written 4, "4 sao", "4★", "4*" or as symbols, and refuse others', () => {
    for (const s of [4, '4', '4 sao', '4 Sao', '4★', '4*', '★★★★']) expect(value(parseStars(s))).toBe(4);
    expect(value(parseStars('3 sao'))).toBe(3);
    for (const s of [2, '6', 'bốn sao', '', null, 4.5]) expect(value(parseStars(s))).toBe('ERR');
  });

  it('read dates as Excel dates, serial numbers or day/month/year, and refuse impossible ones', () => {
    expect(value(parseDate(new Date(Date.UTC(2024, 2, 15)), D))).toBe('2024-03-15');
    expect(value(parseDate(45366, D))).toBe('2024-03-15');
    expect(value(parseDate('15/03/2024', D))).toBe('2024-03-15');
    expect(value(parseDate('5/3/2024', D))).toBe('2024-03-05');
    expect(value(parseDate('15-03-2024', D))).toBe('2024-03-15');
    expect(value(parseDate('2024-03-15', D))).toBe('2024-03-15');
    expect(value(parseDate('ngày 15 tháng 3 năm 2024', D))).toBe('2024-03-15');
    expect(value(parseDate('31/02/2024', D))).toBe('ERR');
    expect(value(parseDate('03/15/2024', D))).toBe('ERR');
    expect(value(parseDate('hôm qua', D))).toBe('ERR');
    expect(value(parseDate('', D))).toBeNull();
  });

  it('read scores with a comma or a point, optional, 0 to 100', () => {
    expect(value(parseScore('72,5'))).toBe(72.5);
    expect(value(parseScore(88))).toBe(88);
    expect(value(parseScore(''))).toBeNull();
    expect(value(parseScore('101'))).toBe('ERR');
    expect(value(parseScore('tám mươi'))).toBe('ERR');
  });

  it('read the scorecard by number or by name, accents and a typo forgiven', () => {
    expect(value(parseScorecard(21))).toBe(21);
    expect(value(parseScorecard('Bộ 11'))).toBe(11);
    expect(value(parseScorecard('21 - Thủ công mỹ nghệ gia dụng, trang trí'))).toBe(21);
    expect(value(parseScorecard('Chè tươi, chè chế biến'))).toBe(11);
    expect(value(parseScorecard('che tuoi, che che bien'))).toBe(11);
    expect(value(parseScorecard('Che tuoi che chebien'))).toBe(11);
    expect(value(parseScorecard('27'))).toBe('ERR');
    expect(value(parseScorecard('Ô tô'))).toBe('ERR');
  });

  it('read the level', () => {
    expect(value(parseLevel('Trung ương'))).toBe('central');
    expect(value(parseLevel('Tỉnh/Thành phố'))).toBe('province');
    expect(value(parseLevel('cấp huyện'))).toBe('district');
    expect(value(parseLevel(''))).toBeNull();
  });

  it('neutralize formula-looking text on export and restore it on import', () => {
    for (const s of ['=1+2', '+84 912', '-5', '@SUM(A1)', '\tx']) {
      expect(neutralizeFormula(s)).toBe(`'${s}`);
      expect(restoreFormula(neutralizeFormula(s))).toBe(s);
    }
    expect(neutralizeFormula('Chè')).toBe('Chè');
    expect(restoreFormula("'quoted")).toBe("'quoted");
    expect(cellText('\'=HYPERLINK("x")')).toBe('=HYPERLINK("x")');
  });
});
