package dev.codexfence.engine.internal.report;

/**
 * The page's style and script, inlined into every report so that it fetches nothing. The script opens the
 * detail panel of a cell (of the matrix or of the history view) on click and from the URL fragment
 * {@code #open=<probe>|<mode>[|<stack index>]} (both through {@code openCell}), filters the history view to the
 * rows that changed (the fragment {@code #history=all} shows them all), and marks the page
 * {@code data-ready="true"} once it has run.
 */
final class FenceMapAssets {

    private FenceMapAssets() {}

    static final String CSS = """
            :root { --success: #cdebd3; --denied: #f6cfcf; --partial: #fbe7b5; --error: #ddd5ee;
                    --success-ink: #1b5e20; --denied-ink: #8e0000; --partial-ink: #7a4f00; --error-ink: #4a2f7a; }
            * { box-sizing: border-box; }
            body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1d1d1f; background: #fafafa; }
            header { padding: 12px 16px; background: #fff; border-bottom: 1px solid #ddd; }
            h1 { font-size: 18px; margin: 0 0 4px; }
            header p { margin: 2px 0; color: #444; }
            .legend [data-legend="success"] { background: var(--success); } .legend [data-legend="denied"] { background: var(--denied); }
            .legend [data-legend="partial"] { background: var(--partial); } .legend [data-legend="error"] { background: var(--error); }
            .legend [data-legend="mixed"] { background: repeating-linear-gradient(135deg, #fff 0 6px, #ececec 6px 12px); }
            .legend [data-legend="uncovered"] { background: repeating-linear-gradient(45deg, #fff 0 4px, #f5dada 4px 8px); }
            .legend [data-legend="n-a"] { background: #f4f4f4; color: #999; }
            .legend span { display: inline-block; padding: 0 6px; margin: 4px 4px 0 0; border-radius: 3px; border: 1px solid #ccc; }
            main { padding: 8px 16px 40px; overflow: auto; }
            table { border-collapse: separate; border-spacing: 0; background: #fff; }
            th, td { border-bottom: 1px solid #e6e6e6; border-right: 1px solid #e6e6e6; padding: 3px 6px; vertical-align: top; }
            thead th { position: sticky; top: 0; background: #f1f1f1; z-index: 3; font-weight: 600; }
            thead tr.modes th { top: 24px; font-weight: normal; font-family: ui-monospace, Menlo, monospace; font-size: 12px; }
            th.cap { position: sticky; left: 0; background: #fff; text-align: left; font-weight: normal; min-width: 300px; max-width: 420px; z-index: 1; }
            thead th.cap { background: #f1f1f1; z-index: 4; }
            th.cap code { font-weight: 600; }
            th.cap .desc { display: block; color: #666; font-size: 11px; }
            tr.uncovered th.cap code { color: #8e0000; }
            tr.group th { background: #e8eef6; text-align: left; position: sticky; left: 0; }
            tr.group th small { font-weight: normal; color: #555; }
            td.cell { min-width: 96px; font-size: 12px; }
            td.cell[data-records] { cursor: pointer; }
            td.cell[data-records]:hover { filter: brightness(0.95); }
            td.cell[data-result="success"] { background: var(--success); color: var(--success-ink); }
            td.cell[data-result="denied"] { background: var(--denied); color: var(--denied-ink); }
            td.cell[data-result="partial"] { background: var(--partial); color: var(--partial-ink); }
            td.cell[data-result="error"] { background: var(--error); color: var(--error-ink); }
            td.cell[data-result="mixed"] { background: repeating-linear-gradient(135deg, #fff 0 6px, #ececec 6px 12px); }
            td.cell[data-result="uncovered"] { background: repeating-linear-gradient(45deg, #fff 0 4px, #f5dada 4px 8px); color: #8e0000; }
            td.cell[data-result="n-a"] { background: #f4f4f4; color: #aaa; }
            td.cell[data-result="none"] { color: #999; }
            td.cell[data-drift="true"] { outline: 3px solid #ff6d00; outline-offset: -3px; }
            td.cell.selected { box-shadow: inset 0 0 0 3px #1565c0; }
            .rec { display: block; white-space: nowrap; }
            .rec.r-success { color: var(--success-ink); } .rec.r-denied { color: var(--denied-ink); }
            .rec.r-partial { color: var(--partial-ink); } .rec.r-error { color: var(--error-ink); }
            .errno { font-family: ui-monospace, Menlo, monospace; font-size: 11px; }
            .drift-mark { color: #c43e00; font-weight: 600; }
            #detail { position: fixed; top: 0; right: 0; bottom: 0; width: min(42vw, 600px); background: #fff; border-left: 2px solid #888;
                      overflow: auto; padding: 12px 16px; box-shadow: -4px 0 14px rgba(0, 0, 0, .18); z-index: 10; }
            #detail h2 { font-size: 15px; margin: 0 0 4px; }
            #detail h3 { font-size: 13px; margin: 12px 0 4px; }
            #detail .stack { color: #555; margin: 0; }
            #detail section.focus h3 { color: #1565c0; }
            #detail .drift { color: #c43e00; font-weight: 600; }
            #detail pre { white-space: pre-wrap; word-break: break-all; background: #f6f8fa; padding: 8px; font-size: 12px; margin: 0; }
            #detail-close { float: right; }
            #history h2, h2.matrix-title { font-size: 16px; margin: 12px 0 4px; }
            #history h3 { font-size: 14px; margin: 10px 0 4px; }
            #history .history-note { color: #444; max-width: 1100px; }
            #history ul.steps { margin: 4px 0 8px; padding-left: 20px; }
            #history li.group[data-direction="looser"] { color: #8e0000; font-weight: 600; }
            #history li.group[data-direction="tighter"] { color: #1b5e20; }
            table.history { margin-bottom: 16px; }
            table.history th.probe { position: sticky; left: 0; background: #fff; text-align: left; font-weight: normal; min-width: 280px; z-index: 1; }
            table.history thead th { text-align: left; }
            table.history thead th small { display: block; font-weight: normal; color: #666; font-size: 11px; }
            table.history tr.hcap th { background: #e8eef6; text-align: left; font-family: ui-monospace, Menlo, monospace; font-size: 12px; }
            table.history.changed-only tr.hrow[data-changed="false"], table.history.changed-only tbody[data-changed="false"] { display: none; }
            td.hcell { min-width: 96px; font-size: 12px; white-space: nowrap; }
            td.hcell[data-records] { cursor: pointer; }
            td.hcell[data-result="success"] { background: var(--success); color: var(--success-ink); }
            td.hcell[data-result="denied"] { background: var(--denied); color: var(--denied-ink); }
            td.hcell[data-result="partial"] { background: var(--partial); color: var(--partial-ink); }
            td.hcell[data-result="error"] { background: var(--error); color: var(--error-ink); }
            td.hcell[data-state="conflict"] { background: repeating-linear-gradient(135deg, #fff 0 6px, #f3d9a8 6px 12px); }
            td.hcell[data-state="absent"], td.hcell[data-state="harness"] { color: #999; }
            td.hcell:not([data-change=""]) { border-left: 4px solid #555; font-weight: 600; }
            td.hcell[data-change="looser"] { border-left-color: #c62828; }
            td.hcell[data-change="tighter"] { border-left-color: #2e7d32; }
            td.hcell[data-change="errno"] { border-left-color: #1565c0; }
            td.hcell.selected { box-shadow: inset 0 0 0 3px #1565c0; }
            .hmark[data-legend="looser"] { color: #c62828; } .hmark[data-legend="tighter"] { color: #2e7d32; }
            .hmark[data-legend="errno"] { color: #1565c0; } .hmark[data-legend="other"] { color: #555; }
            .conflict-mark { color: #a15c00; font-weight: 600; }
            """;

    static final String JS = """
            (function () {
              'use strict';
              var data = JSON.parse(document.getElementById('fence-data').textContent);
              var panel = document.getElementById('detail');
              var body = document.getElementById('detail-body');

              function el(tag, cls, text) {
                var e = document.createElement(tag);
                if (cls) { e.className = cls; }
                if (text !== undefined && text !== null) { e.textContent = text; }
                return e;
              }

              function outcome(record) {
                var r = record.result;
                return r.errno ? r.observed_result + ' (' + r.errno + ')' : r.observed_result;
              }

              /* The one way to open a cell's records: clicks and the #open= fragment both come here. */
              function openCell(cell, probe) {
                var before = document.querySelector('td.cell.selected, td.hcell.selected');
                if (before) { before.classList.remove('selected'); }
                cell.classList.add('selected');
                body.textContent = '';
                var ids = (cell.getAttribute('data-records') || '').split(' ').filter(Boolean).map(Number);
                var stack = data.stacks[Number(cell.getAttribute('data-stack'))];
                body.appendChild(el('h2', null, cell.getAttribute('data-capability') + ' [' + cell.getAttribute('data-mode') + ']'));
                body.appendChild(el('p', 'stack', stack.label));
                ids.forEach(function (i) {
                  var entry = data.records[i];
                  var section = el('section', 'record');
                  section.setAttribute('data-probe', entry.probe);
                  section.setAttribute('data-mode', entry.mode);
                  if (probe && entry.probe === probe) { section.classList.add('focus'); }
                  section.appendChild(el('h3', null, entry.probe + ' [' + entry.mode + ']: ' + outcome(entry.record)));
                  if (entry.expected) {
                    section.appendChild(el('p', entry.drift ? 'drift' : 'met',
                      (entry.drift ? 'drift: expected ' : 'as expected: ') + entry.expected));
                  } else if (entry.unlisted) {
                    section.appendChild(el('p', 'unlisted', 'not listed in the expectations'));
                  }
                  section.appendChild(el('pre', 'json', JSON.stringify(entry.record, null, 2)));
                  body.appendChild(section);
                });
                var first = ids.length ? data.records[ids[0]].probe : '';
                panel.setAttribute('data-open', (probe || first) + '|' + cell.getAttribute('data-mode') + '|' + cell.getAttribute('data-stack'));
                panel.hidden = false;
                var focus = body.querySelector('section.focus');
                if (focus && focus.scrollIntoView) { focus.scrollIntoView(); }
              }

              function closePanel() {
                panel.hidden = true;
                panel.removeAttribute('data-open');
                var selected = document.querySelector('td.cell.selected, td.hcell.selected');
                if (selected) { selected.classList.remove('selected'); }
              }

              function cellOf(target) {
                var cell = target && target.closest ? target.closest('td.cell, td.hcell') : null;
                return cell && cell.hasAttribute('data-records') ? cell : null;
              }

              function openFromFragment() {
                var m = /^#open=(.*)$/.exec(window.location.hash);
                if (!m) { return; }
                var parts = decodeURIComponent(m[1]).split('|');
                var cells = document.querySelectorAll('td.cell[data-records]');
                for (var i = 0; i < cells.length; i++) {
                  var c = cells[i];
                  if (c.getAttribute('data-mode') !== parts[1]) { continue; }
                  if (parts.length > 2 && parts[2] !== '' && c.getAttribute('data-stack') !== parts[2]) { continue; }
                  var probes = ' ' + c.getAttribute('data-probes') + ' ';
                  if (probes.indexOf(' ' + parts[0] + ' ') >= 0 || c.getAttribute('data-capability') === parts[0]) {
                    openCell(c, parts[0]);
                    return;
                  }
                }
              }

              var tables = document.querySelectorAll('#matrix, table.history');
              for (var t = 0; t < tables.length; t++) {
                tables[t].addEventListener('click', function (event) {
                  var cell = cellOf(event.target);
                  if (cell) { openCell(cell, cell.getAttribute('data-probe')); }
                });
                tables[t].addEventListener('keydown', function (event) {
                  var cell = cellOf(event.target);
                  if (cell && (event.key === 'Enter' || event.key === ' ')) { event.preventDefault(); openCell(cell, cell.getAttribute('data-probe')); }
                });
              }
              /* the history view's "only the cells that changed" switch, one per host line; each history table
                 says how many of its rows are shown (data-visible-rows) */
              function countRows(table) {
                var rows = table.querySelectorAll('tr.hrow');
                var shown = 0;
                for (var i = 0; i < rows.length; i++) {
                  if (window.getComputedStyle(rows[i]).display !== 'none') { shown++; }
                }
                table.setAttribute('data-visible-rows', String(shown));
              }
              function showChangedOnly(input, only) {
                input.checked = only;
                var table = document.querySelector('table.history[data-line="' + input.getAttribute('data-line') + '"]');
                if (table) { table.classList.toggle('changed-only', only); countRows(table); }
              }
              var switches = document.querySelectorAll('input.changed-only');
              for (var k = 0; k < switches.length; k++) {
                switches[k].addEventListener('change', function (event) { showChangedOnly(event.target, event.target.checked); });
                /* #history=all shows every row, e.g. to link to the whole table */
                showChangedOnly(switches[k], window.location.hash !== '#history=all');
              }
              document.getElementById('detail-close').addEventListener('click', closePanel);
              document.addEventListener('keydown', function (event) {
                if (event.key === 'Escape') { closePanel(); }
              });
              window.addEventListener('hashchange', openFromFragment);
              openFromFragment();
              document.documentElement.setAttribute('data-ready', 'true');
            })();
            """;
}
