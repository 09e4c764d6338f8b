/// The one stylesheet of the dashboard pages: inlined by default, or served at `/static/app.css`.
///
/// Local fonts only (intranets are offline), colours that survive greyscale printing, and print rules
/// that drop navigation and keep tables whole where they can.
package enum PageStyle {
    /// Dimension colours, in config order (repeating after eight).
    static let palette = ["#2f6fb0", "#e08a1e", "#3a9a5b", "#b0413e", "#7b5ea7", "#4f8f8f", "#b89b2a", "#8c6d46"]

    static func colour(_ index: Int) -> String { palette[index % palette.count] }

    /// The stylesheet text (`text/css; charset=utf-8`).
    package static let css = """
        :root{--fg:#1d232b;--muted:#5d6875;--line:#d5dbe2;--bg:#f5f7f9;--card:#fff;--accent:#1f5fa0;\
        --up:#1d7a3a;--down:#b3261e;--warn-bg:#fff4d6;--warn-line:#e0a400;--bad:#b3261e}
        *{box-sizing:border-box}
        html{font-size:15px}
        body{margin:0;color:var(--fg);background:var(--bg);line-height:1.5;\
        font-family:"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",\
        system-ui,sans-serif}
        a{color:var(--accent)}
        code{font-family:ui-monospace,"DejaVu Sans Mono",Consolas,monospace;font-size:.9em;background:#eef1f4;\
        padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
        header.site{display:flex;flex-wrap:wrap;align-items:center;gap:1rem;padding:.6rem 1.2rem;\
        background:#17324d;color:#fff}
        header.site a{color:#fff;text-decoration:none}
        header.site .brand{font-weight:600;font-size:1.1rem}
        header.site nav ul{display:flex;gap:.2rem;list-style:none;margin:0;padding:0}
        header.site nav a{padding:.3rem .7rem;border-radius:4px}
        header.site nav a[aria-current=page],header.site nav a:hover{background:#2c5278}
        header.site .session{margin-left:auto;display:flex;gap:.8rem;align-items:center}
        header.site button{font:inherit;background:none;border:1px solid #8fa9c2;color:#fff;border-radius:4px;\
        padding:.1rem .6rem;cursor:pointer}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#000;padding:.3rem}
        form.inline{display:inline;margin:0}
        main{max-width:1200px;margin:0 auto;padding:1rem 1.2rem 2rem}
        h1{font-size:1.5rem;margin:.4rem 0 .8rem}h2{font-size:1.2rem;margin:1.6rem 0 .6rem}
        h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
        .muted,.en{color:var(--muted)}.en{font-size:.85em;margin-left:.4em}
        .card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.8rem 1rem;margin:.8rem 0}
        table{border-collapse:collapse;width:100%;background:var(--card);margin:.4rem 0 1rem}
        caption{text-align:left;font-weight:600;padding:.3rem 0}
        th,td{border:1px solid var(--line);padding:.35rem .55rem;text-align:left;vertical-align:top}
        thead th{background:#e8edf2;white-space:nowrap}
        tbody th{font-weight:500}
        td.num,th.num,td.score,td.money,td.delta,td.rank{text-align:right;font-variant-numeric:tabular-nums;\
        white-space:nowrap}
        tfoot td,tfoot th{font-weight:600;background:#f0f3f6}
        tr.incomplete td{color:var(--muted)}
        .badge{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.85em;border:1px solid currentColor}
        .veto{color:var(--bad);font-weight:600;cursor:help}
        .grade-fail,.grade-last{color:var(--bad)}
        .up{color:var(--up)}.down{color:var(--down)}
        .ok{color:var(--up)}.bad{color:var(--bad)}
        .banner{padding:.6rem .9rem;border-radius:6px;margin:.6rem 0;border:1px solid var(--line);background:#eef4fb}
        .banner.warn{background:var(--warn-bg);border-color:var(--warn-line)}
        .banner.error{background:#fde8e6;border-color:var(--bad)}
        .legend{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0;margin:.4rem 0}
        .legend .swatch{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em;\
        border:1px solid #0003}
        svg.chart{display:block;max-width:100%;height:auto}
        .charts{display:flex;flex-wrap:wrap;gap:1.5rem}figure{margin:0}figcaption{font-weight:600;margin:.2rem 0}
        table.narrow{width:auto;min-width:20rem}
        table.steps{table-layout:fixed}table.steps>thead th:nth-child(1){width:22%}
        table.steps>thead th:nth-child(2){width:36%}table.steps>thead th:nth-child(3){width:26%}
        table.indicators{table-layout:fixed}
        table.indicators thead th{white-space:normal}
        table.indicators>thead th:nth-child(1){width:25%}table.indicators>thead th:nth-child(2){width:11%}
        table.indicators>thead th:nth-child(3){width:27%}table.indicators>thead th:nth-child(4){width:8%}
        table.indicators>thead th:nth-child(5){width:9%}table.indicators>thead th:nth-child(6){width:7%}
        svg.chart text{font-size:11px;fill:var(--muted)}
        .formula{font-family:ui-monospace,"DejaVu Sans Mono",monospace;background:#eef1f4;padding:.4rem .6rem;\
        border-radius:4px;overflow-x:auto}
        .sentence{font-size:1.05rem;margin:.3rem 0 .6rem}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.4rem 0}
        dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}
        td.rejects ul{margin:0;padding-left:1.1em}td.status,td.last-success{white-space:nowrap}
        .pager{display:flex;gap:.6rem;align-items:center;margin:.6rem 0}
        .actions a{margin-right:1rem}
        form.login{max-width:24rem;background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem}
        form.login label{display:block;margin:.4rem 0 .2rem}
        form.login input{width:100%;font:inherit;padding:.4rem}
        form.login button{margin-top:.8rem;font:inherit;padding:.35rem 1.2rem}
        footer.site{max-width:1200px;margin:0 auto;padding:.8rem 1.2rem 2rem;color:var(--muted);font-size:.85rem;\
        border-top:1px solid var(--line)}
        footer.site dl{margin:0}
        footer.site dt{display:inline}footer.site dt::after{content:": "}
        footer.site dd{display:inline;margin:0 1.5rem 0 0}
        .notice main{max-width:210mm;background:#fff;padding:15mm 18mm}
        .notice h1{text-align:center;font-size:1.4rem}
        .notice .signature{text-align:right;margin-top:2rem}
        @page{size:A4;margin:18mm 15mm}
        @media print{
        body{background:#fff;font-size:11pt}
        header.site,.no-print,.pager,.actions,#lang-switch{display:none}
        main{max-width:none;padding:0}
        .notice main{padding:0}.notice footer.site{display:none}
        a{color:inherit;text-decoration:none}
        table{page-break-inside:auto}tr{page-break-inside:avoid}thead{display:table-header-group}
        .card{border:none;padding:0}
        .banner{border:1px solid #999;background:none}
        }
        """
}
