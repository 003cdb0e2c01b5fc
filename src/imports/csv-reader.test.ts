import { describe, expect, it } from 'vitest';
import { readCsvRows } from './csv-reader.js';

describe('CSV as Vietnamese Excel saves it', () => {
  it('reads comma or semicolon separated UTF-8, with or without a BOM, quoted fields and line breaks', () => {
    const comma = readCsvRows('\uFEFFSTT,Tên sản phẩm\r\n1,"Chè, búp"\r\n');
    expect(comma).toEqual([
      { line: 1, fields: ['STT', 'Tên sản phẩm'] },
      { line: 2, fields: ['1', 'Chè, búp'] },
    ]);
    const semi = readCsvRows('STT;Tên;Điểm\n1;"Gạo ""tám"" thơm\nHải Hậu";72,5\n\n2;Mật ong;80\n');
    expect(semi).toEqual([
      { line: 1, fields: ['STT', 'Tên', 'Điểm'] },
      { line: 2, fields: ['1', 'Gạo "tám" thơm\nHải Hậu', '72,5'] },
      { line: 5, fields: ['2', 'Mật ong', '80'] },
    ]);
  });
});
