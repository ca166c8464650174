/**
 * Style and script of `out/report.html`, inlined so the page is one file that
 * needs no network.
 */

/** The page's CSS. */
export const reportStyle = `
:root { --muted: #57606a; --line: #d0d7de; --covered: #2da44e; --partial: #bf8700; --missing: #cf222e; }
* { box-sizing: border-box; }
body { font: 15px/1.5 "Noto Sans", "Segoe UI", system-ui, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
header, main { max-width: 72rem; margin: 0 auto; padding: 1rem 2rem; }
header { padding-top: 1.5rem; }
main { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin-bottom: 3rem; }
h1 { font-size: 1.45rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .6rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.02rem; margin: 1.2rem 0 .4rem; }
a { color: #0969da; }
.muted, .legend { color: var(--muted); font-size: .9rem; }
.legend span { display: inline-block; margin-right: 1rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 3px; vertical-align: -2px; margin-right: .3rem; border: 1px solid rgba(0,0,0,.15); }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .55rem; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
table.heat td { padding: 0; }
table.heat th.group { text-align: center; min-width: 6.5rem; }
a.cell { display: block; padding: .45rem .5rem; text-align: center; color: #1f2328; text-decoration: none; min-height: 3.2rem; }
a.cell:hover, a.cell:focus { outline: 2px solid #0969da; outline-offset: -2px; }
a.cell.selected { outline: 3px solid #1f2328; outline-offset: -3px; }
a.cell strong { display: block; font-size: .85rem; text-transform: uppercase; letter-spacing: .03em; }
a.cell small { color: #24292f; }
.detail { display: none; border: 1px solid var(--line); border-left: 4px solid var(--muted); border-radius: 6px; padding: .5rem 1rem 1rem; margin: .75rem 0; background: #fcfcfd; }
.detail.covered { border-left-color: var(--covered); }
.detail.partial { border-left-color: var(--partial); }
.detail.missing { border-left-color: var(--missing); }
.detail:target, .detail.open { display: block; }
.detail ul.reasons { margin: .25rem 0 .5rem; }
.gaps li { color: var(--missing); }
.evidence { list-style: none; padding: 0; margin: .25rem 0; }
.evidence li { border-top: 1px solid #eaeef2; padding: .4rem 0; }
.evidence .meta { font-size: .8rem; color: var(--muted); }
.chip { display: inline-block; background: #ddf4ff; color: #0a3069; border-radius: 10px; padding: 0 .45rem; margin: 0 .2rem .15rem 0; font-size: .78rem; }
.chip.phrase { background: #fff8c5; color: #7d4e00; }
.badge { display: inline-block; min-width: 2.1rem; text-align: center; border-radius: 4px; padding: 0 .3rem; font: 600 .72rem/1.5 system-ui, sans-serif; color: #fff; background: #8c959f; margin-right: .35rem; vertical-align: 1px; }
.badge.none { background: #eaeef2; color: var(--muted); }
.g0 { background: #0969da; } .g1 { background: #8250df; } .g2 { background: #1a7f37; } .g3 { background: #bc4c00; } .g4 { background: #bf3989; } .g5 { background: #116329; } .g6 { background: #953800; } .g7 { background: #4d2d00; }
ol.tree, ol.tree ol { list-style: none; margin: 0; padding-left: 1.2rem; }
ol.tree { padding-left: 0; }
ol.tree li { margin: .15rem 0; }
.node .num { font-weight: 600; margin-right: .3rem; }
.node .head { font-weight: 600; }
.node .line { color: var(--muted); font-size: .75rem; margin-left: .3rem; }
.node:target > .body { background: #fff8c5; }
.node.part > .body, .node.group > .body { margin-top: .5rem; }
.hint { color: var(--muted); font-style: italic; }
`

/**
 * The page's script: marks the clicked cell and keeps its details open while
 * the reader follows evidence links into the documents (CSS `:target` alone
 * would close them). The page works without it.
 */
export const reportScript = `
(function () {
  var cells = document.querySelectorAll('a.cell');
  function open(id) {
    var details = document.querySelectorAll('.detail');
    for (var i = 0; i < details.length; i++) details[i].classList.remove('open');
    for (var j = 0; j < cells.length; j++) cells[j].classList.toggle('selected', cells[j].getAttribute('href') === '#' + id);
    var target = document.getElementById(id);
    if (target) target.classList.add('open');
  }
  for (var k = 0; k < cells.length; k++) {
    cells[k].addEventListener('click', function (event) {
      open(event.currentTarget.getAttribute('href').slice(1));
    });
  }
  if (location.hash && location.hash.indexOf('#cell-') === 0) open(location.hash.slice(1));
})();
`
