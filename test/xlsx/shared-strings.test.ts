import fc from 'fast-check';
import { strToU8 } from 'fflate';
import { readSharedStrings } from '../../src/xlsx/ooxml/parts';
import { WorkbookReadError } from '../../src/xlsx/read';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sst = (items: string, prefix = '') =>
  strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}sst xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${MAIN}">${items}</${prefix}sst>`,
  );
const read = (bytes: Uint8Array) => readSharedStrings('xl/sharedStrings.xml', bytes);
const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('shared strings, as every tool writes them', () => {
  test('plain, rich-text runs joined, phonetic guides left out, an empty <si/> keeps its index', () => {
    const items =
      '<si><t>合计</t></si>' +
      '<si><r><rPr><b/></rPr><t>决策</t></r><r><t xml:space="preserve">（18分）</t></r></si>' +
      '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si/>' +
      '<si><t/></si>' +
      '<si><t>末项</t></si>';
    expect(read(sst(items))).toEqual(['合计', '决策（18分）', '東京', '', '', '末项']);
  });

  test('Feishu’s empty <t></t> before its runs; entities, character references and CDATA', () => {
    const items =
      '<si><t></t><r><t>资金</t></r><r><t>到位率</t></r></si>' +
      '<si><t>A&amp;B &lt;3&gt; &#20108;&#x4e09; &quot;q&quot;</t></si>' +
      '<si><t><![CDATA[<原样>]]></t></si>';
    expect(read(sst(items))).toEqual(['资金到位率', 'A&B <3> 二三 "q"', '<原样>']);
  });

  test('a namespace prefix (Open XML SDK writes x:) reads the same', () => {
    expect(read(sst('<x:si><x:t>得分</x:t></x:si><x:si><x:r><x:t>分</x:t></x:r></x:si>', 'x:'))).toEqual([
      '得分',
      '分',
    ]);
  });

  test('a part larger than one 4 MB slice is read whole, every index in place', () => {
    const n = 250_000;
    const items = Array.from({ length: n }, (_, i) => `<si><t>记-${i}号凭证</t></si>`).join('');
    const bytes = sst(items);
    expect(bytes.length).toBeGreaterThan(8 << 20);
    const got = read(bytes);
    expect(got).toHaveLength(n);
    expect([got[0], got[123_456], got[n - 1]]).toEqual(['记-0号凭证', '记-123456号凭证', `记-${n - 1}号凭证`]);
  });

  test('any text written escaped reads back as it was (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '甲', '&', '<', '>', '"', "'", ' ', '\n', '分', '1') });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 20 }), (texts) => {
        const items = texts.map((t) => `<si><t xml:space="preserve">${escape(t)}</t></si>`).join('');
        expect(read(sst(items))).toEqual(texts);
      }),
    );
  });

  test('a DTD is refused; a part cut short is refused as incomplete', () => {
    const dtd = strToU8('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><sst><si><t>&a;</t></si></sst>');
    expect(() => read(dtd)).toThrow(WorkbookReadError);
    expect(() => read(dtd)).toThrow('DTD');
    // a part cut short, mid-string or right after a string: refused, never read as a shorter complete one
    for (const cut of ['<sst><si><t>整</t></si><si><t>未完', '<sst><si><t>整</t></si>', ''])
      expect(() => read(strToU8(cut))).toThrow(
        expect.objectContaining({ zh: expect.stringContaining('不是完整的 XML') }),
      );
  });
});
