import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney, formatNumber } from './format.js';
import { html, jsonForScript, raw } from './html.js';

describe('html', () => {
  it('escapes interpolated text but keeps nested html and raw markup', () => {
    const name = '<script>alert("x")</script> & \'co\'';
    const out = html`<p title="${name}">${name}${html`<b>${'<i>'}</b>`}${raw('<br>')}</p>`;
    expect(out.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;<b>&lt;i&gt;</b><br></p>',
    );
  });

  it('joins arrays and drops null, undefined and booleans', () => {
    expect(html`${[1, 'a<', null, false, undefined, true]}`.value).toBe('1a&lt;');
  });

  it('keeps JSON for scripts from closing the script element', () => {
    expect(jsonForScript({ n: '</script><!--' }).value).not.toContain('</script>');
  });
});

describe('format', () => {
  it('writes numbers, money and dates the Vietnamese way', () => {
    expect(formatNumber('vi', 2711)).toBe('2.711');
    expect(formatMoney('vi', 125000)).toBe('125.000\u00a0₫'); // a no-break space keeps the sign with the amount;
    expect(formatDate('vi', '2026-11-26')).toBe('26/11/2026');
    expect(formatDate('en', '2026-11-26')).toBe('26 Nov 2026');
  });
});
