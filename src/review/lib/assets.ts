/**
 * The workspace's style sheet and script, served as same-origin files so the
 * content security policy can refuse inline script. The script never puts
 * text into the page as HTML (`textContent` only).
 */

/** The style sheet (`/assets/review.css`). */
export const css = `
:root {
  --ink: #1d2430; --muted: #5f6b7a; --line: #e3e7ed; --bg: #f5f6f8; --card: #fff; --accent: #1f4e8c;
  --covered: #d7f0df; --covered-ink: #135c32; --partial: #fff0c2; --partial-ink: #6f4c00; --missing: #fbdcdc; --missing-ink: #8a1c1c;
  --low: #ffd29c; --low-ink: #7a3d00; --edited: #c9efd2;
}
* { box-sizing: border-box; }
[id] { scroll-margin-top: 6.5rem; }
html { font-size: 15px; }
body { margin: 0; font-family: "Noto Sans", "Segoe UI", "DejaVu Sans", system-ui, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.45; }
a { color: var(--accent); }
code { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: .92em; background: #eef1f5; padding: 0 .25em; border-radius: 3px; }
.en { color: var(--muted); font-size: .86em; }
.en::before { content: "/ "; }
.bar { position: sticky; top: 0; z-index: 10; display: flex; align-items: center; gap: 1.25rem; padding: .45rem 1.25rem; background: #1c3557; color: #fff; flex-wrap: wrap; }
.bar a { color: #fff; text-decoration: none; }
.bar .en { color: #b9c6d8; }
.brand { font-weight: 700; letter-spacing: .01em; }
.bar nav { display: flex; gap: .35rem; flex-wrap: wrap; }
.bar nav a { padding: .25rem .6rem; border-radius: 4px; }
.bar nav a:hover { background: rgba(255,255,255,.12); }
.bar nav a[aria-current="page"] { background: rgba(255,255,255,.2); }
.bar .editor { margin-left: auto; font-size: .92rem; }
.bar .editor input { margin-left: .35rem; width: 13rem; padding: .25rem .4rem; border-radius: 4px; border: 1px solid #8aa0bd; }
.bar .editor input:placeholder-shown { border-color: #ffb86b; box-shadow: 0 0 0 2px rgba(255,184,107,.35); }
main { max-width: 1440px; margin: 0 auto; padding: 1rem 1.25rem 4rem; }
h1 { font-size: 1.45rem; margin: .4rem 0 .3rem; }
h1.doc-title { font-size: 1.2rem; }
h2 { font-size: 1.12rem; margin: 1.2rem 0 .5rem; }
h3 { font-size: .98rem; margin: .7rem 0 .3rem; }
.lede { color: var(--muted); margin: 0 0 .8rem; }
.file { color: var(--muted); font-size: .82rem; font-family: "DejaVu Sans Mono", ui-monospace, monospace; }
.notice { background: #eef3fb; border-left: 4px solid var(--accent); padding: .55rem .8rem; border-radius: 3px; }
.notice.pending { background: #fff6dd; border-left-color: #d99a00; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; background: var(--card); width: 100%; }
th, td { border: 1px solid var(--line); padding: .4rem .55rem; text-align: left; vertical-align: top; }
thead th { background: #eef1f5; font-size: .88rem; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.nowrap { white-space: nowrap; }
table.matrix { table-layout: fixed; }
table.matrix .doc-col { width: 13rem; }
table.matrix th.group-col { font-weight: 600; border-top: 4px solid var(--g); }
table.matrix .gid { font-weight: 700; }
table.matrix .gtitle { display: block; font-weight: 400; font-size: .8rem; color: var(--muted); line-height: 1.25; }
table.matrix th .province { font-weight: 700; font-size: 1.02rem; }
table.matrix th .unknown { font-weight: 400; font-style: italic; color: var(--muted); }
table.matrix th .file { display: block; font-weight: 400; word-break: break-all; }
td.cell { padding: 0; }
td.cell a { display: block; padding: .5rem .55rem; min-height: 4.6rem; color: inherit; text-decoration: none; }
td.cell a:hover, td.cell a:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
td.cell .st { display: block; font-weight: 700; }
td.cell .counts, td.cell .gaps { display: block; font-size: .82rem; }
td.cell .gaps { font-weight: 600; }
.st-covered { background: var(--covered); color: var(--covered-ink); }
.st-partial { background: var(--partial); color: var(--partial-ink); }
.st-missing { background: var(--missing); color: var(--missing-ink); }
.st-covered .en, .st-partial .en, .st-missing .en { color: inherit; opacity: .75; }
.chip { display: inline-block; padding: .05rem .45rem; border-radius: 999px; font-size: .85rem; }
.legend { font-size: .88rem; color: var(--muted); }
ul.related li { margin: .3rem 0; }
.reason { color: var(--muted); font-size: .88rem; }
.gc-0 { --g: #2f6fb3; } .gc-1 { --g: #b04a8a; } .gc-2 { --g: #2e8b57; } .gc-3 { --g: #c0621d; }
.gc-4 { --g: #6a4fb3; } .gc-5 { --g: #0f8a8f; } .gc-6 { --g: #8c6d1f; } .gc-7 { --g: #a33a3a; }
.gc-none, .gc-unknown { --g: #7b8594; }
.badge { display: inline-block; min-width: 2.1em; text-align: center; padding: 0 .35em; border-radius: 4px; background: var(--g, #7b8594); color: #fff; font-weight: 700; font-size: .85rem; }
.toolbar { display: flex; align-items: center; gap: .4rem; flex-wrap: wrap; margin: .8rem 0; padding: .45rem .6rem; background: var(--card); border: 1px solid var(--line); border-radius: 6px; position: sticky; top: 2.6rem; z-index: 5; }
.toolbar .label { color: var(--muted); font-size: .9rem; }
.filter { padding: .15rem .5rem; border-radius: 4px; border: 1px solid transparent; text-decoration: none; }
.filter.on { border-color: var(--accent); background: #e6eefb; }
.toggle { margin-left: auto; font-size: .9rem; }
.meta-panel { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .3rem .9rem .7rem; }
.meta-panel h2 { margin-top: .5rem; }
.meta-static { margin: 0; display: flex; gap: .5rem; }
.meta-static dt { color: var(--muted); }
.meta-static dd { margin: 0 1rem 0 0; }
.meta-form { display: grid; grid-template-columns: 15rem 16rem 18rem auto minmax(0, 1fr); align-items: center; gap: .5rem; margin: .45rem 0; }
.meta-form label { display: contents; }
.meta-form input { width: 100%; min-width: 0; }
.meta-form .status { font-size: .82rem; }
input, select, button { font: inherit; font-size: .92rem; }
input, select { padding: .2rem .35rem; border: 1px solid #b8c2cf; border-radius: 4px; background: #fff; }
input:invalid { border-color: #c0392b; }
button { padding: .2rem .6rem; border: 1px solid #8797ab; border-radius: 4px; background: #f2f5f9; cursor: pointer; }
button:hover { background: #e3e9f2; }
button[type="submit"] { border-color: var(--accent); }
button.confirm { background: #e4f4e9; border-color: #3c8f5a; }
button .en { font-size: .8em; }
.status { font-size: .82rem; color: #245f3a; }
.status:empty { display: none; }
.cell-panel { border: 1px solid var(--line); border-radius: 6px; padding: .2rem 1rem .8rem; margin: 1rem 0; background: var(--card); border-left: 6px solid; }
.cell-panel.st-covered { border-left-color: var(--covered-ink); } .cell-panel.st-partial { border-left-color: #d99a00; } .cell-panel.st-missing { border-left-color: var(--missing-ink); }
.cell-panel, .cell-panel .en { color: var(--ink); }
.cell-panel .en { color: var(--muted); }
.cell-panel .subpoints { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.cell-panel ul { margin: .2rem 0; padding-left: 1.2rem; }
.gaps-list h3 { color: var(--missing-ink); }
.evidence-list li { margin: .25rem 0; }
.reasons { color: var(--muted); font-size: .9rem; }
ol.tree, ol.tree ol { list-style: none; margin: 0; padding: 0; }
ol.tree ol { margin-left: 1.1rem; border-left: 2px solid #dde3ea; }
.node > .row { display: grid; grid-template-columns: minmax(0, 1fr) 24rem; gap: .9rem; padding: .35rem .5rem; border-bottom: 1px solid #eceff3; }
.node.task > .row { background: var(--card); }
.node.task > .row > .text { border-left: 4px solid var(--g); padding-left: .5rem; }
.node.reviewed > .row { background: #f4fbf6; }
.node.dim > .row { opacity: .42; }
.node.focus > .row { box-shadow: inset 0 0 0 2px var(--accent); }
.node:target > .row { box-shadow: inset 0 0 0 3px #d99a00; }
.kind-part > .row .heading { font-size: 1.05rem; }
.text .line { display: inline-block; min-width: 2.4rem; color: var(--muted); font-size: .78rem; text-decoration: none; font-variant-numeric: tabular-nums; }
.text .num { font-weight: 700; margin-right: .15rem; }
.side { font-size: .86rem; display: flex; flex-direction: column; gap: .22rem; }
.side .gtitle { color: var(--muted); }
.side .was, .side .runner { color: var(--muted); }
.side .badge { font-size: .78rem; }
.score { font-variant-numeric: tabular-nums; color: var(--muted); }
.phrase, .term { display: inline-block; margin: 0 .15rem .15rem 0; padding: 0 .35rem; border-radius: 3px; font-size: .8rem; }
.phrase { background: #e2ecfa; border: 1px solid #b7cdee; }
.term { background: #f0f2f5; border: 1px solid #dde1e7; }
.node-form { display: flex; flex-wrap: wrap; gap: .3rem; align-items: center; margin-top: .15rem; }
.node-form select { max-width: 100%; flex: 1 1 100%; }
.node-form .comment { flex: 1 1 5rem; min-width: 0; }
.why { margin-top: .3rem; font-size: .8rem; line-height: 1.6; }
.why .label { color: var(--muted); margin-right: .15rem; }
.why .en { font-size: .95em; }
details.assign summary { cursor: pointer; color: var(--muted); font-size: .82rem; }
body.tasks-only .node:not(.task) > .row { display: none; }
.stats { margin: .2rem 0 .4rem; }
.low-count { color: var(--low-ink); font-weight: 600; }
.hint { color: var(--muted); font-size: .9rem; margin: .2rem 0 .6rem; }
.legend-inline { margin-left: auto; display: flex; gap: .4rem; font-size: .85rem; }
.pager { display: flex; gap: .2rem; flex-wrap: wrap; }
.pager .page { padding: .05rem .45rem; border: 1px solid var(--line); border-radius: 3px; text-decoration: none; background: #fff; }
.pager .page.on { background: var(--accent); color: #fff; }
ol.repair-lines { list-style: none; padding: 0; margin: 0; }
.rline { display: grid; grid-template-columns: 3.2rem minmax(0, 1fr); background: var(--card); border: 1px solid var(--line); border-radius: 4px; margin: .35rem 0; }
.rline:target { box-shadow: 0 0 0 3px #d99a00; }
.rline .ln { padding: .4rem .3rem; color: var(--muted); text-align: right; font-variant-numeric: tabular-nums; border-right: 1px solid var(--line); }
.rline .pair { padding: .25rem .6rem; }
.rline .src, .rline .rep { padding: .12rem 0; overflow-wrap: anywhere; }
.rline .src { color: #54606e; font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: .86rem; }
.rline .tag { display: inline-block; width: 5.6rem; font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: .75rem; color: var(--muted); }
.rline .tag .en::before { content: "/ "; }
mark.src-tok { background: #eef1f5; color: inherit; border-radius: 2px; }
mark.src-tok.low { background: var(--low); }
.tok { display: inline; font: inherit; padding: 0 .12em; margin: 0; border: 0; border-bottom: 2px solid #9fb7da; border-radius: 2px; background: #e9f0fb; cursor: pointer; }
.tok.low { background: var(--low); border-bottom: 2px solid #d9730d; color: var(--low-ink); font-weight: 600; }
.tok.edited { background: var(--edited); border-bottom-color: #2e8b57; color: #134d2c; font-weight: 600; }
span.tok { cursor: default; }
.word-form { grid-column: 1 / -1; display: flex; flex-wrap: wrap; align-items: center; gap: .5rem; padding: .55rem .7rem; background: #f3f7fd; border-top: 1px solid var(--line); }
.word-form[hidden] { display: none; }
.word-form .wf-head { flex: 1 1 100%; }
.word-form .wf-alternatives { flex: 1 1 100%; display: flex; flex-wrap: wrap; gap: .3rem; }
.word-form .wf-alternatives button { background: #fff; }
.word-form input[name="value"] { width: 12rem; }
.word-form .comment { width: 18rem; }
.orphans { background: #fff4f4; border: 1px solid #f0c4c4; border-radius: 6px; padding: .2rem 1rem .6rem; margin-bottom: 1rem; }
.orphans li { margin: .35rem 0; }
table.history td { font-size: .88rem; }
.context { color: var(--muted); font-size: .8rem; }
.null { color: var(--muted); }
#toast { position: fixed; right: 1rem; bottom: 1rem; max-width: 34rem; padding: .6rem .9rem; border-radius: 6px; background: #1f5c38; color: #fff; box-shadow: 0 4px 16px rgba(0,0,0,.2); z-index: 20; }
#toast.error { background: #8a1c1c; }
@media (max-width: 1100px) { .node > .row { grid-template-columns: minmax(0, 1fr) 19rem; } table.matrix .doc-col { width: 10rem; } .meta-form { grid-template-columns: 12rem 14rem 14rem auto; } }
@media (max-width: 760px) { .node > .row { grid-template-columns: 1fr; } .bar .editor { margin-left: 0; } .meta-form { grid-template-columns: 1fr; } }
`

/** The script (`/assets/review.js`): the editor's name, saving decisions, the word form, filters. */
export const script = `'use strict';
(() => {
  const storageKey = 'doichieu.editor';
  const nameInput = document.getElementById('editor-name');
  const toast = document.getElementById('toast');
  let timer = 0;

  try { if (nameInput) nameInput.value = localStorage.getItem(storageKey) || ''; } catch (error) { /* storage blocked: type the name each time */ }
  if (nameInput) {
    nameInput.addEventListener('input', () => {
      try { localStorage.setItem(storageKey, nameInput.value.trim()); } catch (error) { /* storage blocked */ }
    });
  }

  function say(message, kind) {
    if (!toast) return;
    toast.textContent = message;
    toast.className = kind || '';
    toast.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(() => { toast.hidden = true; }, kind === 'error' ? 10000 : 3500);
  }

  function author() {
    const value = nameInput ? nameInput.value.trim() : '';
    if (!value) {
      say('Hãy nhập tên của bạn ở góc trên trước khi lưu / Type your name at the top before saving', 'error');
      if (nameInput) nameInput.focus();
      return null;
    }
    return value;
  }

  function currentOf(element) {
    return element.dataset.null === '1' ? null : (element.dataset.current || '');
  }

  function when(at) {
    return at.slice(0, 10) + ' ' + at.slice(11, 16) + ' UTC';
  }

  async function send(payload) {
    let response;
    try {
      response = await fetch('/api/decisions', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        credentials: 'same-origin',
        body: JSON.stringify(payload)
      });
    } catch (error) {
      say('Không lưu được (mất kết nối với máy chủ?) / Could not save (server unreachable?)', 'error');
      return null;
    }
    let body = null;
    try { body = await response.json(); } catch (error) { body = null; }
    if (response.status === 201 && body && body.decision) return body.decision;
    if (response.status === 409 && body) {
      say((body.errorVi || '') + ' / ' + (body.error || 'Conflict') + ' — tải lại trang / reload the page', 'error');
      return null;
    }
    say(body && body.error ? (body.errorVi || '') + ' / ' + body.error : 'Lỗi ' + response.status + ' / Error ' + response.status, 'error');
    return null;
  }

  const actions = {
    confirm: ['Đã xác nhận', 'confirmed'],
    group: ['Đã đổi nhóm', 'reassigned'],
    none: ['Không phải nhiệm vụ', 'not a task'],
    meta: ['Đã sửa', 'corrected']
  };

  function setStatus(form, label, decision) {
    const status = form.querySelector('.status') || (form.parentElement && form.parentElement.querySelector('.status'));
    if (!status) return;
    status.textContent = '';
    const vi = document.createElement('span');
    vi.className = 'vi';
    vi.textContent = label[0];
    const en = document.createElement('span');
    en.className = 'en';
    en.textContent = label[1];
    status.append(vi, ' ', en, ' · ' + decision.author + ' · ' + when(decision.at) + (decision.comment ? ' · “' + decision.comment + '”' : ''));
  }

  function setCurrent(element, value) {
    element.dataset.current = value === null ? '' : value;
    element.dataset.null = value === null ? '1' : '0';
  }

  async function saveNode(form, action) {
    const select = form.querySelector('select[name="value"]');
    const old = currentOf(form);
    const value = action === 'confirm' ? old : (select.value || null);
    if (action === 'group' && value === old) {
      say('Nhóm không đổi — bấm “Xác nhận” nếu nhóm đúng / Same group — press “Confirm” if it is right', 'error');
      return;
    }
    const who = author();
    if (!who) return;
    const comment = form.querySelector('input[name="comment"]').value;
    const decision = await send({document: form.dataset.document, kind: action, target: form.dataset.target, old, value, author: who, comment: comment || null});
    if (!decision) return;
    setCurrent(form, decision.value);
    form.querySelector('input[name="comment"]').value = '';
    const node = form.closest('li.node');
    if (node) {
      const index = Array.from(select.options).findIndex((option) => option.value === (decision.value || ''));
      const colour = decision.value === null ? 'gc-none' : 'gc-' + (index % 8);
      node.className = node.className.replace(/\\bgc-[a-z0-9]+\\b/g, '').trim() + ' task reviewed ' + colour;
      const machine = node.querySelector(':scope > .row .machine');
      if (machine && action !== 'confirm') {
        // The machine's score no longer describes the group shown: keep only the badge.
        const badge = document.createElement('span');
        badge.className = 'badge ' + colour;
        badge.textContent = decision.value === null ? '∅' : decision.value;
        machine.textContent = '';
        machine.append(badge);
      }
    }
    setStatus(form.closest('.side') || form, action === 'confirm' ? actions.confirm : decision.value === null ? actions.none : actions.group, decision);
    say('Đã lưu / Saved', 'ok');
  }

  async function saveMeta(form) {
    const input = form.querySelector('input[name="value"]');
    const value = input.value.trim() || null;
    const old = currentOf(form);
    if (value === old) {
      say('Giá trị không đổi / The value did not change', 'error');
      return;
    }
    const who = author();
    if (!who) return;
    const comment = form.querySelector('input[name="comment"]').value;
    const decision = await send({document: form.dataset.document, kind: 'meta', target: form.dataset.target, old, value, author: who, comment: comment || null});
    if (!decision) return;
    setCurrent(form, decision.value);
    form.querySelector('input[name="comment"]').value = '';
    setStatus(form, actions.meta, decision);
    say('Đã lưu / Saved', 'ok');
  }

  const wordForm = document.getElementById('word-form');
  let activeToken = null;

  function openWord(token) {
    if (!wordForm) return;
    activeToken = token;
    const line = token.closest('li.rline');
    if (line) line.appendChild(wordForm);
    wordForm.dataset.document = token.dataset.document;
    wordForm.dataset.target = token.dataset.target;
    wordForm.dataset.current = token.dataset.current;
    wordForm.querySelector('.wf-source').textContent = token.dataset.source;
    wordForm.querySelector('.wf-machine').textContent = token.dataset.machine;
    wordForm.querySelector('.wf-current').textContent = token.dataset.current;
    wordForm.querySelector('.wf-confidence').textContent = '(' + token.dataset.confidence + ')';
    const alternatives = wordForm.querySelector('.wf-alternatives');
    alternatives.textContent = '';
    let values = [];
    try { values = JSON.parse(token.dataset.alternatives || '[]'); } catch (error) { values = []; }
    for (const value of [token.dataset.machine].concat(values)) {
      if (typeof value !== 'string' || value === token.dataset.current) continue;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'alternative';
      button.textContent = value;
      button.addEventListener('click', () => {
        const input = wordForm.querySelector('input[name="value"]');
        input.value = value;
        input.focus();
      });
      alternatives.append(button);
    }
    const input = wordForm.querySelector('input[name="value"]');
    input.value = token.dataset.current;
    wordForm.hidden = false;
    input.focus();
    input.select();
  }

  async function saveWord(form) {
    if (!activeToken) return;
    const value = form.querySelector('input[name="value"]').value.trim();
    const old = form.dataset.current;
    if (!value || value === old) {
      say('Hãy nhập từ đúng khác với từ hiện tại / Type a correct word different from the current one', 'error');
      return;
    }
    const who = author();
    if (!who) return;
    const comment = form.querySelector('input[name="comment"]').value;
    const decision = await send({document: form.dataset.document, kind: 'word', target: form.dataset.target, old, value, author: who, comment: comment || null});
    if (!decision) return;
    activeToken.textContent = decision.value;
    activeToken.dataset.current = decision.value;
    activeToken.classList.remove('low');
    activeToken.classList.add('edited');
    activeToken.title = 'Người sửa / editor: ' + decision.author + ', ' + when(decision.at) + ' · máy / machine: ' + activeToken.dataset.machine;
    form.querySelector('input[name="comment"]').value = '';
    form.hidden = true;
    say('Đã lưu / Saved', 'ok');
    activeToken.focus();
  }

  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('decide')) return;
    event.preventDefault();
    const action = event.submitter && event.submitter.value ? event.submitter.value : form.dataset.kind;
    if (form.dataset.kind === 'node') saveNode(form, action === 'confirm' ? 'confirm' : 'group');
    else if (form.dataset.kind === 'meta') saveMeta(form);
    else if (form.dataset.kind === 'word') saveWord(form);
  });

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (!target) return;
    const token = target.closest('button.tok');
    if (token) {
      openWord(token);
      return;
    }
    if (target.closest('.wf-close') && wordForm) {
      wordForm.hidden = true;
      if (activeToken) activeToken.focus();
    }
  });

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && wordForm && !wordForm.hidden) {
      wordForm.hidden = true;
      if (activeToken) activeToken.focus();
    }
  });

  const tasksOnly = document.getElementById('tasks-only');
  if (tasksOnly) {
    tasksOnly.addEventListener('change', () => { document.body.classList.toggle('tasks-only', tasksOnly.checked); });
  }
})();
`
