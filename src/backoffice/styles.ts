/** The back office's stylesheet, inlined: one small sheet, readable contrast (≥ 4.5:1), visible focus. */
export const BO_STYLES = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f5}
a{color:#0b5394}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible,main:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.skip{position:absolute;left:-9999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:10}
.bo-header{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;background:#14532d;color:#fff;padding:10px 16px}
.bo-header a{color:#fff}.brand{font-weight:700;text-decoration:none}
.bo-user{display:flex;flex-wrap:wrap;gap:12px;align-items:center}.who small{opacity:.9}
.bo-nav{background:#fff;border-bottom:1px solid #d0d7de;overflow-x:auto}
.bo-nav ul{display:flex;gap:4px;margin:0;padding:0 8px;list-style:none}
.bo-nav a{display:block;padding:12px 10px;text-decoration:none;color:#1a1a1a;white-space:nowrap}
.bo-nav a[aria-current=page]{border-bottom:3px solid #14532d;font-weight:600}
main{max-width:1200px;margin:0 auto;padding:16px}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
.notice{background:#e6f4ea;border-left:4px solid #14532d;padding:8px 12px}
.error-summary{border:2px solid #b00020;background:#fff;padding:8px 16px;margin-bottom:16px}
.field{margin:0 0 14px}.field label{display:block;font-weight:600;margin-bottom:4px}
.field input:not([type=checkbox]),.field select,.field textarea{width:100%;max-width:640px;padding:10px;border:1px solid #6b7280;border-radius:4px;font:inherit;background:#fff}
.field.check{display:flex;gap:8px;align-items:center}.field.check label{font-weight:400;margin:0}
.hint{margin:0 0 4px;color:#4b5563;font-size:.9rem}.error{margin:0 0 4px;color:#b00020;font-weight:600}
.has-error input,.has-error select,.has-error textarea{border:2px solid #b00020}
button,.button{display:inline-block;padding:10px 16px;border:0;border-radius:4px;background:#14532d;color:#fff;font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#14532d;border:1px solid #14532d}
button.danger{background:#b00020}
button.link{background:none;color:inherit;padding:0;text-decoration:underline;font-weight:400}
form.inline{display:inline}
.filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;background:#fff;padding:12px;border:1px solid #d0d7de;border-radius:4px;margin-bottom:12px}
.filters .field{margin:0}.filters .field input,.filters .field select{width:auto;min-width:160px}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:4px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:8px 10px;border-bottom:1px solid #e5e7eb;vertical-align:top}
th a{color:inherit}td.num,th.num{text-align:right}
.pagination{display:flex;flex-wrap:wrap;gap:12px;align-items:center;margin:12px 0}.pagination p{margin:0}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:12px;margin-bottom:20px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px}.card .big{font-size:2rem;font-weight:700;margin:0}
.status{display:inline-block;padding:2px 8px;border-radius:12px;font-size:.85rem;font-weight:600;background:#e5e7eb}
.status-valid{background:#d1fae5;color:#065f46}.status-expiring{background:#fef3c7;color:#7c2d12}
.status-expired,.status-revoked{background:#fee2e2;color:#991b1b}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}dl.facts dt{font-weight:600}dl.facts dd{margin:0;overflow-wrap:anywhere}
.demo-box{background:#fff8e1;border:1px solid #f2a900;padding:8px 12px;margin:12px 0}
.auth-box{max-width:440px;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px}
.toolbar{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:8px 0}
/* The council member's score sheet: the dossier beside the sheet on wide screens, stacked on narrow ones. */
.ss-layout{display:grid;gap:16px;align-items:start}
.ss-dossier,.ss-sheet{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:4px 16px 12px;min-width:0}
@media (min-width:960px){.ss-layout{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}.ss-dossier{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto}}
.ss-sticky{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid #d0d7de;padding:6px 0;margin-bottom:8px}
.ss-totals{display:flex;flex-wrap:wrap;gap:2px 16px;margin:0}.ss-totals>div{display:flex;gap:6px;white-space:nowrap}.ss-totals dt{font-weight:600}.ss-totals dd{margin:0}.ss-status{margin:4px 0 0;min-height:1.5em;font-weight:600}
.ss-dossier dl.facts{grid-template-columns:minmax(0,max-content) minmax(8ch,1fr)}.ss-dossier dt{overflow-wrap:anywhere}
.ss-criterion{border:1px solid #d0d7de;border-radius:4px;margin:0 0 12px;padding:6px 12px}
.ss-criterion legend{font-weight:600;padding:0 4px}.ss-criterion.has-error{border:2px solid #b00020}
.ss-case{border:1px dashed #6b7280;border-radius:4px;margin:0 0 12px}.ss-readonly{border:0;margin:0;padding:0;min-width:0}
.ss-opt{display:flex;gap:8px;align-items:flex-start;margin:6px 0}.ss-opt input{flex:none;width:1.2rem;height:1.2rem;margin:.15rem 0 0}
.ss-pts{color:#4b5563;font-weight:400;white-space:nowrap}.ss-req{color:#7c2d12}
.ss-documents{padding-left:20px}.ss-documents small{display:block;color:#4b5563}
@media (max-width:600px){.ss-sticky{font-size:.875rem}.ss-totals{gap:0 12px}}
@media (max-width:600px){th,td{padding:6px}.bo-header{padding:8px}}
`;
