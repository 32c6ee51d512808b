namespace NearDup.Cli.Report;

/// <summary>
/// The report page's inline stylesheet and scripts. They live in C# constants rather than embedded
/// resource files so the CLI project needs no extra build items; <see cref="ReportHtml"/> writes them
/// verbatim into the page.
/// </summary>
/// <remarks>
/// The script renders clusters lazily: only the current page of the list is in the DOM, and a cluster's
/// side-by-side comparison is built the first time it is expanded. Document text only ever reaches
/// the DOM through <c>textContent</c> and <c>createTextNode</c> (never <c>innerHTML</c>), so markup in a
/// document shows as text. Neither constant may contain a closing script tag or an HTML comment
/// opener; a unit test checks that.
/// URL hash parameters (for links and headless tests): <c>#open=all</c> expands every cluster on the
/// page, <c>#open=c000001,c000002</c> expands those, and <c>q=</c> (search text), <c>role=</c> (a copy role
/// name or <c>single</c>), <c>min=</c> (minimum Jaccard) and <c>page=</c> (1-based) preset the list, e.g.
/// <c>report.html#role=excerpt&amp;min=0.5&amp;open=all</c>.
/// </remarks>
internal static class ReportAssets
{
    /// <summary>
    /// Runs first, in the head: collects uncaught errors and unhandled promise rejections into the
    /// <c>#errors</c> element (queued until it exists), so a headless browser's DOM dump shows them.
    /// </summary>
    public const string ErrorCatcher = """
        (function () {
          'use strict';
          var queue = [];
          function flush() {
            var box = document.getElementById('errors');
            if (!box) { return; }
            if (!queue.length) { return; }
            while (queue.length) {
              var line = document.createElement('div');
              line.textContent = queue.shift();
              box.appendChild(line);
            }
            box.hidden = false;
          }
          function report(message) { queue.push(String(message)); flush(); }
          window.addEventListener('error', function (e) {
            report('Error: ' + (e.message || e.type) + (e.filename ? ' (' + e.filename + ':' + e.lineno + ')' : ''));
          });
          window.addEventListener('unhandledrejection', function (e) { report('Unhandled rejection: ' + e.reason); });
          document.addEventListener('DOMContentLoaded', flush);
          window.neardupReportError = report;
        })();
        """;

    /// <summary>The page's stylesheet.</summary>
    public const string Css = """
        :root {
          --bg: #f5f6f8; --panel: #fff; --line: #e1e4e8; --text: #1f2328; --muted: #656d76; --dim: #8c959f;
          --accent: #0b5cad; --head: #15202b;
          --canonical: #475569; --exact: #7c3aed; --syndicated: #2563eb; --rewritten: #c2410c; --excerpt: #047857;
          --mark: #fff0a6; --mark-line: #e3c84d; --moved: #dbeafe; --moved-line: #60a5fa;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--text);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
        code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 0.88em; }
        .wrap { max-width: 1240px; margin: 0 auto; padding: 0 20px; }
        header.top { background: var(--head); color: #fff; padding: 18px 0 16px; margin-bottom: 20px; }
        header.top h1 { margin: 0; font-size: 22px; font-weight: 650; letter-spacing: -0.01em; }
        header.top .sub { margin: 4px 0 0; color: #b6c2cf; font-size: 13px; }
        header.top code { color: #e6edf3; background: rgba(255,255,255,0.08); padding: 1px 5px; border-radius: 4px; }
        h2 { font-size: 18px; margin: 28px 0 12px; }
        #errors { background: #fff1f0; border: 1px solid #f5a3a3; color: #8a1c1c; padding: 10px 14px; border-radius: 8px; margin-bottom: 16px; white-space: pre-wrap; }
        .note { color: var(--muted); font-size: 13px; margin: 10px 0 0; }
        .cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
        .card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
        .card .num { font-size: 26px; font-weight: 650; font-variant-numeric: tabular-nums; }
        .card .label { color: var(--muted); font-size: 13px; }
        .role-counts { display: flex; flex-wrap: wrap; gap: 8px 18px; margin: 14px 0 4px; }
        .role-count b { font-variant-numeric: tabular-nums; }
        .role { display: inline-block; font-size: 11.5px; font-weight: 600; line-height: 1; padding: 4px 7px; border-radius: 999px;
          color: #fff; background: var(--canonical); text-transform: lowercase; letter-spacing: 0.02em; white-space: nowrap; }
        .role.r-exact { background: var(--exact); } .role.r-syndicated { background: var(--syndicated); }
        .role.r-rewritten { background: var(--rewritten); } .role.r-excerpt { background: var(--excerpt); }
        .role.r-canonical { background: var(--canonical); }
        .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; margin-top: 12px; }
        figure { margin: 0; background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px 6px; }
        figcaption { font-weight: 600; font-size: 14px; }
        figcaption .hint { font-weight: 400; color: var(--muted); font-size: 12.5px; }
        svg.chart { width: 100%; height: auto; display: block; font-size: 11px; }
        svg.chart .grid { stroke: #eceff2; } svg.chart .axis { stroke: #9aa4ae; }
        svg.chart .tick { fill: var(--muted); } svg.chart .value { fill: var(--text); font-weight: 600; }
        svg.chart .axis-title, svg.chart .legend { fill: var(--muted); font-size: 11.5px; } svg.chart .empty { fill: var(--dim); font-size: 13px; }
        svg.chart .bar { fill: var(--accent); }
        svg.chart .r-exact { fill: var(--exact); } svg.chart .r-syndicated { fill: var(--syndicated); }
        svg.chart .r-rewritten { fill: var(--rewritten); } svg.chart .r-excerpt { fill: var(--excerpt); }
        .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 10px 16px; background: var(--panel);
          border: 1px solid var(--line); border-radius: 10px; padding: 10px 12px; }
        .toolbar label { font-size: 13px; color: var(--muted); display: inline-flex; align-items: center; gap: 6px; }
        .toolbar input, .toolbar select { font: inherit; font-size: 14px; color: var(--text); border: 1px solid #cfd5db; border-radius: 6px; padding: 5px 8px; background: #fff; }
        .toolbar input[type=search] { flex: 1 1 280px; min-width: 200px; }
        .toolbar input[type=number] { width: 5.5em; }
        .summary { color: var(--muted); font-size: 13px; margin: 10px 2px; }
        .cluster { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; margin-bottom: 10px; }
        .cluster > summary { list-style: none; cursor: pointer; padding: 10px 14px; display: grid; grid-template-columns: auto 1fr auto; gap: 2px 12px; align-items: center; }
        .cluster > summary::-webkit-details-marker { display: none; }
        .cluster > summary:hover { background: #fafbfc; border-radius: 10px; }
        .cluster[open] > summary { border-bottom: 1px solid var(--line); border-radius: 10px 10px 0 0; }
        .size { font-weight: 650; font-variant-numeric: tabular-nums; min-width: 4.8em; }
        .size::before { content: "\25B8"; display: inline-block; width: 1em; color: var(--muted); transition: transform 0.1s; }
        .cluster[open] > summary .size::before { transform: rotate(90deg); }
        .cluster.single .size::before { content: ""; }
        .title-line { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; min-width: 0; }
        .title-line code { color: var(--text); }
        .cid { color: var(--muted); }
        .chips { display: inline-flex; flex-wrap: wrap; gap: 4px; }
        .scores { color: var(--muted); font-size: 12.5px; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .cell mark, .cell .dim { unicode-bidi: isolate; }
        .snippet { grid-column: 2 / 4; color: var(--muted); font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .cluster.single { padding: 8px 14px; display: grid; grid-template-columns: auto 1fr auto; gap: 12px; align-items: center; }
        .cluster-body { padding: 12px 14px 16px; }
        table.members { border-collapse: collapse; width: 100%; font-size: 13px; margin-bottom: 12px; }
        table.members th { text-align: left; font-weight: 600; color: var(--muted); border-bottom: 1px solid var(--line); padding: 4px 8px; }
        table.members td { border-bottom: 1px solid #f0f2f4; padding: 5px 8px; font-variant-numeric: tabular-nums; }
        table.members td.num, table.members th.num { text-align: right; }
        .legend-line { display: flex; flex-wrap: wrap; gap: 6px 16px; font-size: 12.5px; color: var(--muted); margin: 4px 0 10px; }
        .cmp { border: 1px solid var(--line); border-radius: 8px; margin-top: 14px; overflow: hidden; }
        .cmp-head { display: grid; grid-template-columns: 1fr 1fr; background: #f7f8fa; border-bottom: 1px solid var(--line); }
        .cmp-head > div { padding: 8px 12px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; }
        .cmp-head > div + div { border-left: 1px solid var(--line); }
        .cmp-head .scores { flex-basis: 100%; white-space: normal; }
        .row { display: grid; grid-template-columns: 1fr 1fr; border-top: 1px solid #f0f2f4; }
        .row:first-child { border-top: 0; }
        .cell { padding: 8px 12px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; line-height: 1.6; min-width: 0; }
        .cell + .cell { border-left: 1px solid var(--line); }
        .row.gap .cell { max-height: 18em; overflow-y: auto; }
        .row.gap .cell.empty { background: repeating-linear-gradient(135deg, #fafbfc 0 6px, #f3f5f7 6px 12px); }
        .dim { color: var(--dim); }
        mark { background: var(--mark); color: inherit; border-bottom: 2px solid var(--mark-line); padding: 0 1px; border-radius: 2px; }
        mark.moved { background: var(--moved); border-bottom: 2px dashed var(--moved-line); }
        mark.hl { outline: 2px solid #f59e0b; outline-offset: 0; }
        .swatch { display: inline-block; width: 1.9em; height: 0.95em; vertical-align: -0.1em; border-radius: 2px; margin-right: 4px; }
        .swatch.in { background: var(--mark); border-bottom: 2px solid var(--mark-line); }
        .swatch.moved { background: var(--moved); border-bottom: 2px dashed var(--moved-line); }
        .swatch.dimmed { background: #fff; border: 1px solid var(--line); }
        .more { margin-top: 12px; font: inherit; font-size: 13px; border: 1px solid #cfd5db; background: #fff; border-radius: 6px; padding: 5px 10px; cursor: pointer; }
        .pager { display: flex; align-items: center; gap: 8px; justify-content: center; margin: 14px 0 40px; font-size: 13px; color: var(--muted); }
        .pager button { font: inherit; border: 1px solid #cfd5db; background: #fff; border-radius: 6px; padding: 4px 10px; cursor: pointer; }
        .pager button:disabled { opacity: 0.45; cursor: default; }
        @media (max-width: 800px) { .cards { grid-template-columns: repeat(2, 1fr); } .charts { grid-template-columns: 1fr; } }
        section.links { margin: 24px 0; }
        table.links { border-collapse: collapse; font-size: 13px; width: 100%; }
        table.links th, table.links td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; }
        """;

    /// <summary>The page's main script: filters, paging and lazy side-by-side rendering.</summary>
    public const string Script = """
        (function () {
          'use strict';
          var report = window.neardupReportError || function (m) { console.error(m); };
          try { main(); } catch (e) { report('Error: ' + ((e && e.stack) || e)); }
          document.body.setAttribute('data-state', 'ready');
          document.body.setAttribute('data-ready-ms', String(Math.round(performance.now())));

          function main() {
            var data = JSON.parse(document.getElementById('neardup-data').textContent);
            var roles = data.roles, docs = data.docs, clusters = data.clusters, singles = data.singles;
            var nf = new Intl.NumberFormat('en-US');
            var COPY_BATCH = 6, SNIPPET = 220;
            var state = { q: '', role: '', min: 0, singles: true, page: 0, openAll: false, open: {} };
            var filtered = [];
            var lowered = new Map();

            function $(id) { return document.getElementById(id); }
            function el(tag, cls, text) {
              var e = document.createElement(tag);
              if (cls) { e.className = cls; }
              if (text !== undefined && text !== null) { e.textContent = String(text); }
              return e;
            }
            // Bidirectional controls (U+200E/F, U+202A-E, U+2066-9) could make an id read as another ("abc\u202Etxt.exe"
            // shows as "abcexe.txt") or reorder the text beside it: in an id they are shown as [U+202E], and every id
            // sits in a <bdi>, so it cannot reorder the page around it. Texts keep them, since the passage offsets count
            // them, but each piece of text is isolated: <bdi> for the snippet and plain text, unicode-bidi: isolate in CSS
            // for marks and dimmed spans.
            var BIDI = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
            function shownId(id) {
              return String(id).replace(BIDI, function (ch) { return '[U+' + ch.charCodeAt(0).toString(16).toUpperCase() + ']'; });
            }
            function idCode(cls, id) {
              var e = el('code', cls);
              e.appendChild(el('bdi', null, shownId(id)));
              return e;
            }
            function roleChip(role, count) {
              var name = roles[role];
              return el('span', 'role r-' + name, count > 1 ? name + ' \u00d7' + count : name);
            }
            function score(x) { return x.toFixed(2); }

            // ---- URL hash / query parameters ----
            var params = new URLSearchParams((location.hash || '').replace(/^#/, '') || (location.search || '').replace(/^\?/, ''));
            if (params.has('q')) { state.q = params.get('q'); }
            if (params.has('role')) {
              var wanted = params.get('role'), index = roles.indexOf(wanted);
              state.role = wanted === 'single' || wanted === 'singleton' ? 'single' : index > 0 ? String(index) : /^[1-4]$/.test(wanted) ? wanted : '';
            }
            if (params.has('min')) { state.min = parseFloat(params.get('min')) || 0; }
            if (params.has('page')) { state.page = Math.max(0, (parseInt(params.get('page'), 10) || 1) - 1); }
            if (params.get('open') === 'all') { state.openAll = true; }
            else if (params.has('open')) { params.get('open').split(',').forEach(function (id) { state.open[id] = true; }); }

            var q = $('q'), roleSelect = $('role'), min = $('min'), singlesBox = $('singles');
            q.value = state.q; roleSelect.value = state.role; min.value = String(state.min);
            singlesBox.checked = state.singles;

            // ---- filtering ----
            function docMatches(d, needle) {
              var doc = docs[d];
              if (doc[0].toLowerCase().indexOf(needle) >= 0) { return true; }
              if (doc[1] === null) { return false; }
              var t = lowered.get(d);
              if (t === undefined) { t = doc[1].toLowerCase(); lowered.set(d, t); }
              return t.indexOf(needle) >= 0;
            }
            function clusterPasses(c, needle, role, minScore) {
              if (role === 'single') { return false; }
              if (role !== '' || minScore > 0) {
                var r = role === '' ? -1 : Number(role), any = false;
                for (var i = 1; i < c.m.length && !any; i++) {
                  any = (r < 0 || c.m[i][1] === r) && c.m[i][2] >= minScore;
                }
                if (!any) { return false; }
              }
              if (!needle) { return true; }
              if (c.id.toLowerCase().indexOf(needle) >= 0) { return true; }
              return c.m.some(function (m) { return docMatches(m[0], needle); });
            }
            function singlePasses(s, needle, role, minScore) {
              if (role === 'single') { /* shown even if the checkbox is off */ }
              else if (role !== '' || !state.singles || minScore > 0) { return false; }
              return !needle || s[0].toLowerCase().indexOf(needle) >= 0 || s[1].toLowerCase().indexOf(needle) >= 0;
            }
            function applyFilter() {
              var needle = state.q.trim().toLowerCase();
              filtered = [];
              for (var i = 0; i < clusters.length; i++) {
                if (clusterPasses(clusters[i], needle, state.role, state.min)) { filtered.push(i); }
              }
              for (var k = 0; k < singles.length; k++) {
                if (singlePasses(singles[k], needle, state.role, state.min)) { filtered.push(clusters.length + k); }
              }
            }

            // ---- list and pager ----
            function renderPage() {
              var size = data.pageSize, pages = Math.max(1, Math.ceil(filtered.length / size));
              state.page = Math.min(state.page, pages - 1);
              var from = state.page * size, to = Math.min(filtered.length, from + size);
              var list = $('list');
              list.replaceChildren();
              for (var k = from; k < to; k++) {
                var i = filtered[k];
                list.appendChild(i < clusters.length ? clusterItem(clusters[i]) : singleItem(singles[i - clusters.length]));
              }
              var total = clusters.length + singles.length;
              $('summary').textContent = filtered.length === 0
                ? 'No clusters match.'
                : 'Showing ' + nf.format(from + 1) + '\u2013' + nf.format(to) + ' of ' + nf.format(filtered.length) + ' clusters'
                  + (filtered.length < total ? ' (' + nf.format(total) + ' in all)' : '') + ', largest first';
              renderPager(pages);
            }
            function renderPager(pages) {
              var pager = $('pager');
              pager.replaceChildren();
              if (pages <= 1) { return; }
              function button(label, page, disabled) {
                var b = el('button', null, label);
                b.type = 'button';
                b.disabled = disabled;
                b.addEventListener('click', function () { state.page = page; renderPage(); $('summary').scrollIntoView({ block: 'start' }); });
                return b;
              }
              pager.appendChild(button('\u00ab First', 0, state.page === 0));
              pager.appendChild(button('\u2039 Previous', state.page - 1, state.page === 0));
              pager.appendChild(el('span', null, 'Page ' + nf.format(state.page + 1) + ' of ' + nf.format(pages)));
              pager.appendChild(button('Next \u203a', state.page + 1, state.page >= pages - 1));
              pager.appendChild(button('Last \u00bb', pages - 1, state.page >= pages - 1));
            }

            function singleItem(s) {
              var row = el('div', 'cluster single');
              row.appendChild(el('span', 'size', '1 doc'));
              var line = el('span', 'title-line');
              line.appendChild(idCode(null, s[1]));
              line.appendChild(idCode('cid', s[0]));
              row.appendChild(line);
              row.appendChild(el('span', 'scores', 'singleton'));
              return row;
            }

            function clusterItem(c) {
              var details = el('details', 'cluster');
              details.setAttribute('data-cluster', c.id);
              var summary = el('summary');
              summary.appendChild(el('span', 'size', nf.format(c.m.length) + ' docs'));
              var line = el('span', 'title-line');
              line.appendChild(idCode(null, docs[c.m[0][0]][0]));
              line.appendChild(idCode('cid', c.id));
              var chips = el('span', 'chips'), counts = {};
              for (var i = 1; i < c.m.length; i++) { counts[c.m[i][1]] = (counts[c.m[i][1]] || 0) + 1; }
              Object.keys(counts).sort().forEach(function (r) { chips.appendChild(roleChip(Number(r), counts[r])); });
              line.appendChild(chips);
              summary.appendChild(line);
              var lo = 1, hi = 0;
              for (var k = 1; k < c.m.length; k++) { lo = Math.min(lo, c.m[k][2]); hi = Math.max(hi, c.m[k][2]); }
              summary.appendChild(el('span', 'scores', 'Jaccard ' + (lo === hi ? score(lo) : score(lo) + '\u2013' + score(hi))));
              summary.appendChild(el('bdi', 'snippet', c.h.slice(0, SNIPPET)));
              details.appendChild(summary);
              function ensureBody() {
                if (!details.hasAttribute('data-rendered')) {
                  details.setAttribute('data-rendered', '1');
                  details.appendChild(clusterBody(c));
                }
              }
              details.addEventListener('toggle', function () { if (details.open) { ensureBody(); } });
              if (state.openAll || state.open[c.id]) { ensureBody(); details.open = true; }
              return details;
            }

            // ---- one cluster ----
            function parseRuns(flat) {
              var runs = [];
              for (var i = 0; i + 4 < flat.length; i += 5) {
                runs.push({ as: flat[i], ae: flat[i + 1], bs: flat[i + 2], be: flat[i + 3], inOrder: flat[i + 4] === 1, k: runs.length });
              }
              return runs;
            }
            function sharedShare(runs, text) {
              if (!text) { return 0; }
              var covered = 0;
              runs.forEach(function (r) { covered += r.be - r.bs; });
              return covered / text.length;
            }

            function clusterBody(c) {
              var body = el('div', 'cluster-body');
              var canonical = docs[c.m[0][0]];
              var table = el('table', 'members'), head = el('tr');
              ['Document', 'Role', 'Jaccard', 'Containment', 'Shared passages', 'Text shared'].forEach(function (h, i) {
                head.appendChild(el('th', i >= 2 ? 'num' : null, h));
              });
              var thead = el('thead');
              thead.appendChild(head);
              table.appendChild(thead);
              var tbody = el('tbody');
              c.m.forEach(function (m, i) {
                var tr = el('tr'), runs = parseRuns(m[4]), doc = docs[m[0]];
                var idCell = el('td');
                idCell.appendChild(idCode(null, doc[0]));
                tr.appendChild(idCell);
                var roleCell = el('td');
                roleCell.appendChild(roleChip(m[1], 1));
                tr.appendChild(roleCell);
                tr.appendChild(el('td', 'num', score(m[2])));
                tr.appendChild(el('td', 'num', score(m[3])));
                tr.appendChild(el('td', 'num', i === 0 ? '\u2014' : nf.format(runs.length)));
                tr.appendChild(el('td', 'num', i === 0 || doc[1] === null ? '\u2014' : Math.round(100 * sharedShare(runs, doc[1])) + '%'));
                tbody.appendChild(tr);
              });
              table.appendChild(tbody);
              body.appendChild(table);

              if (canonical[1] === null) {
                body.appendChild(el('p', 'note', 'Texts of this cluster are not embedded: the report\u2019s total text budget was spent on larger clusters.'));
                return body;
              }
              var legend = el('div', 'legend-line');
              [['in', 'shared passage, same order'], ['moved', 'shared passage, moved'], ['dimmed', 'copy text shared with nothing (boilerplate, rewording)']].forEach(function (p) {
                var item = el('span');
                item.appendChild(el('span', 'swatch ' + p[0]));
                item.appendChild(document.createTextNode(p[1]));
                legend.appendChild(item);
              });
              body.appendChild(legend);

              var next = 1;
              var more = el('button', 'more');
              more.type = 'button';
              function renderBatch() {
                var end = Math.min(c.m.length, next + COPY_BATCH);
                for (; next < end; next++) { body.insertBefore(comparison(canonical, c.m[next]), more); }
                var left = c.m.length - next;
                more.hidden = left <= 0;
                more.textContent = 'Show ' + nf.format(Math.min(left, COPY_BATCH)) + ' more of ' + nf.format(left) + ' copies';
              }
              more.addEventListener('click', renderBatch);
              body.appendChild(more);
              renderBatch();
              return body;
            }

            function comparison(canonical, m) {
              var copy = docs[m[0]], runs = parseRuns(m[4]);
              var box = el('section', 'cmp');
              box.setAttribute('data-doc', copy[0]);
              var head = el('div', 'cmp-head'), left = el('div'), right = el('div');
              left.appendChild(roleChip(0, 1));
              left.appendChild(idCode(null, canonical[0]));
              right.appendChild(roleChip(m[1], 1));
              right.appendChild(idCode(null, copy[0]));
              var facts = 'Jaccard ' + score(m[2]) + ' \u00b7 containment ' + score(m[3]) + ' \u00b7 '
                + nf.format(runs.length) + ' shared passage' + (runs.length === 1 ? '' : 's');
              if (copy[1] !== null) { facts += ' \u00b7 ' + Math.round(100 * sharedShare(runs, copy[1])) + '% of the copy\u2019s text'; }
              right.appendChild(el('span', 'scores', facts));
              head.appendChild(left);
              head.appendChild(right);
              box.appendChild(head);
              if (copy[1] === null) {
                box.appendChild(el('p', 'note', 'Text not embedded.'));
                return box;
              }
              var byA = runs.slice().sort(function (x, y) { return x.as - y.as; });
              var rows = el('div', 'rows');
              alignedRows(canonical[1], copy[1], runs).forEach(function (row) {
                var r = el('div', row.gap ? 'row gap' : 'row match');
                r.appendChild(cell(canonical[1], row.as, row.ae, byA, 'a'));
                r.appendChild(cell(copy[1], row.bs, row.be, runs, 'b'));
                rows.appendChild(r);
              });
              box.appendChild(rows);
              var trimmed = [[canonical, 'canonical'], [copy, 'copy']].filter(function (d) { return d[0][3] > 0; })
                .map(function (d) { return d[1] + ' trimmed: ' + nf.format(d[0][3]) + ' more characters'; });
              if (trimmed.length) { box.appendChild(el('p', 'note trimmed', trimmed.join(' \u00b7 ') + ' (texts are embedded up to ' + nf.format(data.maxText) + ')')); }
              box.addEventListener('mouseover', function (e) { highlight(box, e.target, true); });
              box.addEventListener('mouseout', function (e) { highlight(box, e.target, false); });
              return box;
            }

            function highlight(box, target, on) {
              if (!target || target.tagName !== 'MARK') { return; }
              var k = target.getAttribute('data-k');
              box.querySelectorAll('mark[data-k="' + k + '"]').forEach(function (m) { m.classList.toggle('hl', on); });
            }

            // Rows of the side-by-side view: in-order passages face each other, the text between two of
            // them forms a "gap" row. Gaps holding only spaces and punctuation on both sides are folded
            // into the neighbouring passages so a run of sentences stays one row.
            function alignedRows(a, b, runs) {
              var rows = [], pa = 0, pb = 0;
              runs.forEach(function (r) {
                if (!r.inOrder) { return; }
                if (r.as > pa || r.bs > pb) { rows.push({ gap: true, as: pa, ae: r.as, bs: pb, be: r.bs }); }
                rows.push({ gap: false, as: r.as, ae: r.ae, bs: r.bs, be: r.be });
                pa = r.ae; pb = r.be;
              });
              if (pa < a.length || pb < b.length) { rows.push({ gap: true, as: pa, ae: a.length, bs: pb, be: b.length }); }
              var wordy = /[\p{L}\p{N}]/u, merged = [];
              rows.forEach(function (row) {
                var prev = merged[merged.length - 1];
                var trivial = row.gap && !wordy.test(a.slice(row.as, row.ae)) && !wordy.test(b.slice(row.bs, row.be))
                  && row.ae - row.as < 80 && row.be - row.bs < 80;
                if (prev && !prev.gap && (!row.gap || trivial)) {
                  prev.ae = row.ae; prev.be = row.be;
                  return;
                }
                merged.push(row);
              });
              return merged.filter(function (row) { return !row.gap || nonBlank(a, row.as, row.ae) || nonBlank(b, row.bs, row.be); });
            }
            function nonBlank(text, s, e) { return /\S/.test(text.slice(s, e)); }

            // One side of a row: text[s, e) with leading/trailing whitespace trimmed, shared passages
            // wrapped in <mark>; on the copy's side the rest is dimmed. Text goes in via text nodes only.
            function cell(text, s, e, ranges, side) {
              while (s < e && /\s/.test(text.charAt(s))) { s++; }
              while (e > s && /\s/.test(text.charAt(e - 1))) { e--; }
              var c = el('div', 'cell ' + side);
              if (s >= e) { c.classList.add('empty'); return c; }
              var pos = s;
              function plain(from, to) {
                if (to <= from) { return; }
                if (side === 'b') { c.appendChild(el('span', 'dim', text.slice(from, to))); }
                else { c.appendChild(el('bdi', null, text.slice(from, to))); }
              }
              ranges.forEach(function (r) {
                var rs = side === 'a' ? r.as : r.bs, re = side === 'a' ? r.ae : r.be;
                if (re <= s || rs >= e) { return; }
                rs = Math.max(rs, pos); re = Math.min(re, e);
                if (re <= rs) { return; }
                plain(pos, rs);
                var mark = el('mark', r.inOrder ? 'in' : 'moved', text.slice(rs, re));
                mark.setAttribute('data-k', String(r.k));
                c.appendChild(mark);
                pos = re;
              });
              plain(pos, e);
              return c;
            }

            // ---- controls ----
            var timer = 0;
            function refilter() { state.page = 0; applyFilter(); renderPage(); }
            q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { state.q = q.value; refilter(); }, 180); });
            roleSelect.addEventListener('change', function () { state.role = roleSelect.value; refilter(); });
            min.addEventListener('input', function () { state.min = Math.min(1, Math.max(0, parseFloat(min.value) || 0)); refilter(); });
            singlesBox.addEventListener('change', function () { state.singles = singlesBox.checked; refilter(); });

            applyFilter();
            renderPage();
          }
        })();
        """;
}
