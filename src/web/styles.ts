import { FONT_FACES } from './assets.js';

/**
 * The whole stylesheet of the website, inlined in every page: at a few kilobytes it costs less than the extra
 * render-blocking request a separate file would (Lighthouse "render-blocking resources"), and the HTML is not
 * cached anyway. Mobile-first; colours keep a contrast of at least 4.5:1 on their backgrounds.
 */
const fontFaces = FONT_FACES.map(
  (f) =>
    `@font-face{font-family:'Be Vietnam Pro';font-style:normal;font-display:swap;font-weight:${String(f.weight)};` +
    `src:url(${f.url}) format('woff2');unicode-range:${f.unicodeRange}}`,
).join('');

const RULES = `
:root{--ink:#1c1b1a;--muted:#55514b;--bg:#fff;--soft:#f5f3ee;--line:#d9d4ca;--brand:#0b5d3b;--brand-ink:#fff;
--accent:#8a4b00;--ok:#0b6b2f;--warn:#8a4b00;--bad:#a3211a;--focus:#1a56db;
font-family:'Be Vietnam Pro',system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;line-height:1.5;color:var(--ink);background:var(--bg)}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font-size:1rem;min-width:320px;overflow-wrap:break-word}
img,svg{max-width:100%;height:auto}
a{color:var(--brand);text-underline-offset:2px}
a:hover{color:#063d27}
:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
h1,h2,h3{line-height:1.25;margin:1.2em 0 .5em}
h1{font-size:1.6rem}h2{font-size:1.25rem}h3{font-size:1.05rem}
.skip{position:absolute;left:-999px;top:0;background:var(--brand);color:var(--brand-ink);padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem;top:.5rem}
.wrap{max-width:72rem;margin:0 auto;padding:0 1rem}
.site-head{background:var(--brand);color:var(--brand-ink)}
.site-head .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem 1rem;padding-top:.5rem;padding-bottom:.5rem}
.site-head a{color:var(--brand-ink)}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none;margin-right:auto;padding:.5rem 0}
.nav{width:100%;order:3}
.nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .75rem}
.nav a{display:inline-block;padding:.5rem .25rem;min-height:44px;line-height:28px}
.nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.lang{padding:.5rem 0}
main{display:block;padding-bottom:2rem}
.site-foot{border-top:1px solid var(--line);background:var(--soft);color:var(--muted);font-size:.9rem;padding:1rem 0}
.site-foot a{color:#064a2f}
.muted{color:var(--muted)}
.grid{display:grid;gap:1rem;grid-template-columns:1fr;padding:0;list-style:none}
.card{border:1px solid var(--line);border-radius:.5rem;padding:.75rem;background:var(--bg);display:flex;gap:.75rem;align-items:flex-start}
.card h3{margin:0 0 .25rem;font-size:1rem}
.card p{margin:.15rem 0}
.thumb{flex:0 0 72px;width:72px;height:72px;border-radius:.375rem;object-fit:cover;background:var(--soft)}
.stars{color:var(--accent);letter-spacing:.05em;white-space:nowrap}
.figures{display:grid;grid-template-columns:repeat(2,1fr);gap:.75rem;padding:0;margin:0;list-style:none}
.figures li{background:var(--soft);border-radius:.5rem;padding:.75rem}
.figures strong{display:block;font-size:1.5rem}
.badge{display:inline-block;border-radius:999px;padding:.15rem .6rem;font-weight:700;font-size:.9rem;border:2px solid currentColor}
.badge.valid{color:var(--ok)}.badge.expiring{color:var(--warn)}.badge.expired,.badge.revoked,.badge.none{color:var(--bad)}
.notice{border-left:4px solid var(--bad);background:#fbeeed;padding:.75rem 1rem;margin:1rem 0}
.notice.info{border-color:var(--brand);background:var(--soft)}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end;margin:1rem 0}
label{font-weight:700;display:block;margin-bottom:.25rem}
input[type=search],input[type=text],select{font:inherit;padding:.55rem .6rem;border:1px solid #767068;border-radius:.375rem;min-height:44px;width:100%;background:#fff;color:var(--ink)}
.field{flex:1 1 16rem;position:relative}
button,.button{font:inherit;font-weight:700;background:var(--brand);color:var(--brand-ink);border:0;border-radius:.375rem;padding:.6rem 1rem;min-height:44px;cursor:pointer;text-decoration:none;display:inline-block}
.button.secondary{background:var(--soft);color:var(--ink);border:1px solid var(--line)}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:0 0 1rem;padding:.5rem .75rem}
legend{font-weight:700;padding:0 .25rem}
.facets label{font-weight:400;display:flex;gap:.5rem;align-items:center;min-height:32px;margin:0}
.layout-2{display:grid;gap:1rem}
.pager{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:1.5rem 0}
.pager a,.pager span{display:inline-block;min-width:44px;min-height:44px;line-height:44px;text-align:center;border:1px solid var(--line);border-radius:.375rem;padding:0 .5rem}
.pager [aria-current]{background:var(--brand);color:var(--brand-ink);border-color:var(--brand)}
dl.facts{display:grid;grid-template-columns:1fr;gap:.25rem 1rem;margin:1rem 0}
dl.facts dt{font-weight:700}dl.facts dd{margin:0 0 .5rem}
.hero{display:grid;gap:1rem}
.photo{width:100%;max-width:28rem;aspect-ratio:4/3;object-fit:cover;border-radius:.5rem;background:var(--soft)}
.share{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
.qr{width:180px;height:180px;background:#fff}
.verdict{font-size:2.25rem;font-weight:700;margin:.5rem 0;padding:.5rem 1rem;border:4px solid currentColor;border-radius:.5rem;display:inline-block}
.verdict.valid{color:var(--ok)}.verdict.expiring{color:var(--warn)}
.verdict.expired,.verdict.revoked,.verdict.not-found,.verdict.not-genuine{color:var(--bad)}
.places{padding-left:1.2rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;border-bottom:1px solid var(--line);padding:.4rem .5rem}
.sa-opt{font-weight:400;display:flex;gap:.5rem;align-items:flex-start;margin:.35rem 0}
.sa-opt input{flex:none;width:1.25rem;height:1.25rem;margin:.15rem 0 0}
.sa-pts{color:var(--muted);font-weight:400;white-space:nowrap}.sa-req{color:var(--accent)}
.sa-ko{border-top:1px solid var(--line);padding-top:.5rem}.sa-sets li{padding:.3rem 0}
.sa-case{border-style:dashed}.sa-result{border:2px solid var(--brand);border-radius:.5rem;padding:0 1rem;margin:1rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.basket caption{text-align:left;font-weight:700;padding:.5rem 0}.basket{margin-bottom:1rem}.qty{width:5rem}
.field-error{color:var(--bad);font-weight:700;margin:.25rem 0}.choice{display:flex;gap:.5rem;align-items:center;margin:.35rem 0}
.total{font-size:1.25rem}.sub-order{border-top:2px solid var(--line);margin-top:1.5rem}
.sa-status{position:sticky;bottom:0;margin:1rem 0 0;padding:.6rem 1rem;background:var(--brand);color:var(--brand-ink);font-weight:700;border-radius:.5rem .5rem 0 0}
@media (min-width:40rem){
.grid{grid-template-columns:repeat(2,1fr)}
.figures{grid-template-columns:repeat(4,1fr)}
dl.facts{grid-template-columns:12rem 1fr}
.hero{grid-template-columns:minmax(0,28rem) 1fr}
h1{font-size:2rem}
}
@media (min-width:60rem){
.nav{width:auto;order:0}
.grid{grid-template-columns:repeat(3,1fr)}
.layout-2{grid-template-columns:16rem 1fr}
}
@media (prefers-reduced-motion:reduce){*{scroll-behavior:auto!important;transition:none!important}}
`;

export const STYLES = fontFaces + RULES.replace(/\n/g, '');
