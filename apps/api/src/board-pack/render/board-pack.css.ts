/** The pack's only styling, inlined: a printable A4-ish page, no fonts or images to fetch. */
export const BOARD_PACK_CSS = `
body{margin:0;background:#f4f5f7;color:#1d2433;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:24px}
header{border-bottom:3px solid #1d2433;margin-bottom:16px}
h1{font-size:26px;margin:0 0 6px}h2{font-size:19px;margin:28px 0 10px;border-bottom:1px solid #c9ced8;padding-bottom:4px}
h3{font-size:15px;margin:14px 0 8px}.indicator h3{margin-top:0}h3 small{display:block;font-weight:normal;color:#5b6475;font-size:12px}
.moment{color:#39414f;margin:0 0 12px}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid #e3e6eb}
th{background:#e9ecf1;font-size:12px;text-transform:uppercase;letter-spacing:.03em}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.q{font-weight:bold;font-size:16px;width:24px}.rule{color:#5b6475;font-size:12px}
.evidence span{display:inline-block;margin:0 10px 2px 0;font-size:12px;color:#39414f}
.rag{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:bold;color:#fff;text-transform:uppercase}
.rag.red{background:#c0392b}.rag.amber{background:#d68910}.rag.green{background:#1e8449}
.indicator{background:#fff;border:1px solid #d7dbe2;border-left:6px solid #8a93a3;padding:12px 14px;margin:0 0 14px;break-inside:avoid}
.indicator.within{border-left-color:#1e8449}.indicator.outside{border-left-color:#c0392b}
dl{display:flex;flex-wrap:wrap;gap:8px 28px;margin:0 0 8px}dl div{min-width:150px}dt{font-size:11px;text-transform:uppercase;color:#5b6475}
dd{margin:0;font-size:18px;font-weight:bold;font-variant-numeric:tabular-nums}dd small{display:block;font-size:11px;font-weight:normal;color:#5b6475}
.chart{display:block;width:100%;height:auto}
.chart .grid{stroke:#eceef2;stroke-width:1}.chart .tick{font-size:10px;fill:#5b6475}
.chart .band{fill:#1e8449;fill-opacity:.14}.chart .baseline{stroke:#1e8449;stroke-width:1.5;stroke-dasharray:5 3}
.chart .asof{stroke:#8a93a3;stroke-width:1;stroke-dasharray:2 3}.chart .target{stroke:#d68910;stroke-width:1}
.chart .history{fill:none;stroke:#1f4e96;stroke-width:2}.chart .figure{fill:#1f4e96}.chart .projection{fill:none;stroke:#d68910;stroke-width:2;stroke-dasharray:7 4}
.legend{font-size:12px;color:#39414f}.key{display:inline-block;width:18px;height:0;margin:0 4px 3px 12px;border-top:2px solid}
.key.history{border-color:#1f4e96}.key.baseline{border-color:#1e8449;border-top-style:dashed}.key.band{height:8px;border:0;background:#1e8449;opacity:.3}
.key.projection{border-color:#d68910;border-top-style:dashed}.key.asof{border-color:#8a93a3;border-top-style:dotted}
.projection-note,.source{font-size:12px;color:#39414f;margin:6px 0 0}
tr.overdue td{background:#fdf2f1}td.d{white-space:nowrap}ul{margin:4px 0 12px;padding-left:20px}
@media print{body{background:#fff}main{padding:0}}
`;
