/**
 * The whole stylesheet (~5 KB), served from /assets/app.css. Kept in a module rather than a .css file so the
 * compiled build carries it without a copy step. Mobile first: tables scroll inside their wrapper, forms wrap.
 */
export const APP_CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--bg:#fff;--panel:#f6f8fa;--line:#d0d7de;--accent:#0b5cad;
--crit:#a40e26;--crit-bg:#ffebe9;--warn:#7d4e00;--warn-bg:#fff8c5;--info:#0b5cad;--info-bg:#ddf4ff;--ok:#116329;--ok-bg:#dafbe1}
*{box-sizing:border-box}
html{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:var(--accent)}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip:focus{left:.5rem;z-index:10}
.top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.6rem 1rem;background:#10243e;color:#fff}
.top a{color:#fff}
.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
.top nav{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;flex:1}
.top ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0;flex:1}
.top [aria-current=page]{font-weight:700;text-decoration-thickness:3px}
.signout button{background:transparent;color:#fff;border:1px solid #8aa4c4}
main{max-width:1200px;margin:0 auto;padding:1rem}
main:focus{outline:none}
h1{font-size:1.5rem;margin:.5rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .5rem}
.muted,.hint{color:var(--muted)}
.hint{font-size:.9rem}
.table-wrap{overflow-x:auto;border:1px solid var(--line);border-radius:6px;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid var(--line);vertical-align:top}
thead th{background:var(--panel);white-space:nowrap}
tbody tr:last-child td{border-bottom:0}
td.num,th.num{text-align:right;white-space:nowrap}
caption{text-align:left;padding:.5rem .6rem;font-weight:600}
.filters,.inline-form{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;padding:.75rem;background:var(--panel);border:1px solid var(--line);border-radius:6px;margin-bottom:1rem}
.field{display:flex;flex-direction:column;gap:.2rem;min-width:9rem}
.field.grow{flex:1;min-width:14rem}
label,.label{font-weight:600;font-size:.9rem}
input,select,button,textarea{font:inherit;min-height:2.4rem;padding:.4rem .55rem;border:1px solid #8c959f;border-radius:6px;background:#fff;color:inherit;max-width:100%}
button,.button{cursor:pointer;background:var(--accent);color:#fff;border-color:var(--accent);text-decoration:none;display:inline-block;padding:.4rem .8rem;border-radius:6px}
button.secondary{background:#fff;color:var(--accent)}
.badge{display:inline-block;padding:0 .5rem;border-radius:999px;font-size:.8rem;font-weight:700;white-space:nowrap}
.badge.critical,.badge.failed{background:var(--crit-bg);color:var(--crit)}
.badge.warning,.badge.paused{background:var(--warn-bg);color:var(--warn)}
.badge.info{background:var(--info-bg);color:var(--info)}
.badge.ok,.badge.done{background:var(--ok-bg);color:var(--ok)}
.summary{display:flex;flex-wrap:wrap;gap:1rem;margin:0 0 1rem;padding:0;list-style:none}
.summary li{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem}
.summary strong{display:block;font-size:1.3rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem;margin:0 0 1rem}
dl.facts dt{font-weight:600;color:var(--muted)}
dl.facts dd{margin:0}
.path{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9rem}
.notice{padding:.6rem .8rem;border-radius:6px;background:var(--ok-bg);border:1px solid #4ac26b;margin-bottom:1rem}
.error{padding:.6rem .8rem;border-radius:6px;background:var(--crit-bg);border:1px solid #ff8182;margin-bottom:1rem}
.pager{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
.pager p{margin:0;flex:1}
.pager [aria-disabled]{color:var(--muted)}
svg.chart{width:100%;height:auto;max-width:900px;display:block;background:#fff;border:1px solid var(--line);border-radius:6px;font-size:11px}
.chart text{fill:var(--muted)}
.chart .lbl{fill:var(--fg);paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.chart .late{fill:var(--crit)}
svg.chart.wide{font-size:12px}svg.chart.narrow{display:none;font-size:13px;max-width:380px}
.source{border:1px solid var(--line);border-radius:6px;padding:.25rem 1rem 1rem;margin-bottom:1.25rem}
.source header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;overflow-wrap:anywhere}
pre{white-space:pre-wrap;background:var(--panel);padding:.6rem;border-radius:6px;border:1px solid var(--line)}
.columns select,.columns input{width:100%;min-width:8rem}
.status-table{margin:.4rem 0 0;padding:.5rem;border:1px dashed var(--line);border-radius:6px}
.status-table div{display:grid;grid-template-columns:minmax(6rem,10rem) 1fr;gap:.5rem;align-items:center;margin:.25rem 0}
.status-table label{font-weight:400}
[hidden]{display:none!important}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.nowrap,#preview-actions td:nth-child(-n+1),#preview-actions td:nth-child(5),#preview-actions td:nth-child(6){white-space:nowrap}
.sample{font-size:.85rem;color:var(--muted);max-width:16rem}
.actions-bar{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:1rem 0}
@media (max-width:640px){svg.chart.wide{display:none}svg.chart.narrow{display:block}html{font-size:15px}main{padding:.6rem}dl.facts{grid-template-columns:1fr}dl.facts dt{margin-top:.4rem}
.opt{display:none!important}
table.columns,table.columns tbody,table.columns tr,table.columns th,table.columns td{display:block;width:100%}
table.columns thead{display:none}table.columns caption{display:block}
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}table.stack thead{display:none}table.stack caption{display:block}
table.stack tr{border-bottom:1px solid var(--line);padding:.4rem 0}table.stack td{border:0;padding:.15rem .6rem;text-align:left}
table.stack td[data-label]::before{content:attr(data-label) ": ";font-weight:600;color:var(--muted);font-family:system-ui,sans-serif}table.columns tr{border-bottom:1px solid var(--line);padding:.4rem 0}table.columns td,table.columns th{border:0;padding:.2rem .6rem}
table.columns .vh{position:static;width:auto;height:auto;clip:auto;font-size:.85rem}.sample{max-width:none}}
`;
