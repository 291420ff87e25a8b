import { describe, expect, it } from 'vitest';
import { csvField, toCsv } from '@/lib/analytics/csv';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says, with CRLF records', () => {
    expect(
      toCsv([
        ['a', 'b,c'],
        ['say "hi"', 'two\nlines'],
      ]),
    ).toBe('a,"b,c"\r\n"say ""hi""","two\nlines"\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
  });

  it('writes numbers (negative ones too) as numbers, and null as empty', () => {
    expect(toCsv([[-3, 0.5, null, 'plain']])).toBe('-3,0.5,,plain\r\n');
  });
});
