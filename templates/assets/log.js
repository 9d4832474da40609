/* runlift: the log form under each session of an athlete's page.

   Built from the page's data island (#log-form-data, written by _log_form.html). What the athlete
   types is kept in this browser only (localStorage, under the athlete's id) and shown again on the
   next visit; "Download my log" saves it as a training log file in runlift's log format
   (logs/<id>.yaml, docs/formats.md), named <id>.<date>.yaml. Nothing is sent anywhere, nothing is
   loaded from elsewhere, and without JavaScript the page stays exactly as it is. */
(function () {
  'use strict';

  const island = document.getElementById('log-form-data');
  if (!island || !window.JSON || !document.querySelector) return;
  let data;
  try {
    data = JSON.parse(island.textContent);
  } catch (err) {
    return;
  }
  const SCRIPT = document.currentScript ? document.currentScript.src : '';
  const STORE_KEY = 'runlift-log:' + data.athlete;
  const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const YAML_WORDS = /^(?:y|n|yes|no|on|off|true|false|null)$/i;
  const MAX = { reps: 100, seconds: 600 }; // what a log file accepts (docs/formats.md)

  let store = readStore();
  const kept = store !== null; // false: this browser keeps nothing (storage blocked or full)
  if (!kept) store = { version: 1, sessions: {} };
  const forms = [];

  // ------------------------------------------------------------------ small helpers

  function el(tag, attrs, kids) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach((name) => {
      const value = attrs[name];
      if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    });
    (kids || []).forEach((kid) => {
      node.appendChild(typeof kid === 'string' ? document.createTextNode(kid) : kid);
    });
    return node;
  }

  function hidden(text) {
    return el('span', { class: 'visually-hidden' }, [text]);
  }

  function shown(text, kind) {
    return el('span', { 'aria-hidden': 'true', class: kind || 'log-sym' }, [text]);
  }

  function dayLabel(date) {
    const [y, m, d] = date.split('-').map(Number);
    const day = new Date(Date.UTC(y, m - 1, d));
    return DAY_NAMES[day.getUTCDay()] + ' ' + d + ' ' + MONTHS[m - 1];
  }

  function today() {
    const now = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return now.getFullYear() + '-' + two(now.getMonth() + 1) + '-' + two(now.getDate());
  }

  function readStore() {
    try {
      const raw = window.localStorage.getItem(STORE_KEY);
      const parsed = raw ? JSON.parse(raw) : null;
      return parsed && typeof parsed.sessions === 'object' ? parsed : { version: 1, sessions: {} };
    } catch (err) {
      return null;
    }
  }

  function writeStore() {
    if (!kept) return false;
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify(store));
      return true;
    } catch (err) {
      return false;
    }
  }

  // ------------------------------------------------------------------ the form of one session

  function numberInput(id, kind) {
    const limits = {
      load: { min: '0', step: 'any', inputmode: 'decimal' },
      reps: { min: '1', max: String(MAX.reps), step: '1', inputmode: 'numeric' },
      seconds: { min: '1', max: String(MAX.seconds), step: '1', inputmode: 'numeric' },
      rir: { min: '0', max: '5', step: '1', inputmode: 'numeric' },
      pain: { min: '0', max: '10', step: '1', inputmode: 'numeric' },
      result: { min: '0', max: '999', step: '1', inputmode: 'numeric' },
    }[kind];
    return el('input', Object.assign({ type: 'number', id: id, class: 'log-' + kind }, limits));
  }

  function setRow(base, x, i) {
    const n = 'Set ' + (i + 1);
    const ids = { load: base + '-load', amount: base + '-amount', rir: base + '-rir' };
    const row = el('div', { class: 'log-set' }, [el('span', { class: 'log-n', 'aria-hidden': 'true' }, [n])]);
    const inputs = {};
    if (x.load) {
      inputs.load = numberInput(ids.load, 'load');
      row.append(inputs.load, el('label', { for: ids.load, class: 'log-unit' },
        [hidden(n + ' load, '), data.unit + (x.load === 'each' ? ' each' : '')]), shown('×'));
    }
    // each label's text is its accessible name: the hidden words make the visible ones whole
    inputs.amount = numberInput(ids.amount, x.dose === 'seconds' ? 'seconds' : 'reps');
    inputs.rir = numberInput(ids.rir, 'rir');
    row.append(inputs.amount,
      el('label', { for: ids.amount, class: 'log-unit' }, [hidden(n + ' '), x.dose === 'seconds' ? 'seconds' : 'reps']),
      shown('@'), inputs.rir,
      el('label', { for: ids.rir, class: 'log-unit' }, [hidden(n + ' reps in reserve ('), 'RIR', hidden(')')]));
    return { row: row, inputs: inputs };
  }

  function exerciseFieldset(base, x) {
    const fieldset = el('fieldset', { class: 'log-ex' }, [
      el('legend', {}, [x.name + ' ', el('span', { class: 'log-target' }, [x.target])]),
    ]);
    const sets = [];
    for (let i = 0; i < x.sets; i += 1) {
      const set = setRow(base + '-' + x.id + '-' + (i + 1), x, i);
      fieldset.appendChild(set.row);
      sets.push(set.inputs);
    }
    return { fieldset: fieldset, sets: sets };
  }

  function field(id, text, control) {
    return el('div', { class: 'log-field' }, [el('label', { for: id }, [text]), control]);
  }

  function nigglePart(base) {
    const where = el('select', { id: base + '-where' }, [el('option', { value: '' }, ['Nothing hurts'])]);
    data.focus.forEach(([value, name]) => where.appendChild(el('option', { value: value }, [name])));
    const side = el('select', { id: base + '-side' },
      ['both', 'left', 'right'].map((s) => el('option', { value: s }, [s[0].toUpperCase() + s.slice(1)])));
    const pain = numberInput(base + '-pain', 'pain');
    const fieldset = el('fieldset', { class: 'log-niggle' }, [
      el('legend', {}, ['Niggle ', el('span', { class: 'log-target' }, ['anything sore or painful'])]),
      el('div', { class: 'log-row' }, [field(where.id, 'Where', where), field(side.id, 'Side', side),
        field(pain.id, 'Pain, 0 to 10', pain)]),
    ]);
    return { fieldset: fieldset, where: where, side: side, pain: pain };
  }

  function checkInPart(base) {
    const fieldset = el('fieldset', { class: 'log-checkins' }, [
      el('legend', {}, ['Check-in tests ', el('span', { class: 'log-target' }, ['on the day you test'])]),
    ]);
    const tests = {};
    data.check_ins.forEach((c) => {
      const unit = c.dose === 'seconds' ? ['seconds', 's'] : ['reps', 'reps'];
      const row = el('div', { class: 'log-set' }, [el('span', { class: 'log-test' }, [c.name])]);
      const inputs = {};
      ['left', 'right'].forEach((side) => {
        const id = base + '-' + c.id + '-' + side;
        inputs[side] = numberInput(id, 'result');
        row.append(
          el('label', { for: id, class: 'log-side' }, [hidden(c.name + ', '), side === 'left' ? 'Left' : 'Right',
            hidden(', ' + unit[0])]),
          inputs[side], shown(unit[1], 'log-unit'));
      });
      fieldset.appendChild(row);
      tests[c.id] = { info: c, inputs: inputs };
    });
    return { fieldset: fieldset, tests: tests };
  }

  function buildSession(s) {
    const heading = document.getElementById(s.heading);
    if (!heading) return null;
    const section = heading.closest('section') || heading.parentNode;
    const base = 'log-' + s.date;
    const c = { session: s, label: dayLabel(s.date), exercises: {} };
    c.badge = el('span', { class: 'log-badge' });
    c.details = el('details', { class: 'log-entry' }, [el('summary', {}, ['Log this session', c.badge])]);
    c.form = el('form', { class: 'log-form' });
    c.skipped = el('input', { type: 'checkbox', id: base + '-skipped' });
    c.form.appendChild(el('p', { class: 'log-skip' },
      [c.skipped, el('label', { for: c.skipped.id }, ['I skipped this session'])]));
    c.work = el('div', { class: 'log-work' });
    s.exercises.forEach((x) => {
      const part = exerciseFieldset(base, x);
      c.work.appendChild(part.fieldset);
      c.exercises[x.id] = { info: x, sets: part.sets };
    });
    c.form.appendChild(c.work);
    if (s.check_in && data.check_ins.length) {
      c.checkIns = checkInPart(base);
      c.form.appendChild(c.checkIns.fieldset);
    }
    c.niggle = nigglePart(base);
    c.note = el('textarea', { id: base + '-note', rows: '2', maxlength: '500' });
    c.status = el('p', { class: 'log-status', role: 'status' });
    const clear = el('button', { type: 'button', class: 'log-secondary' }, ['Clear this session']);
    c.form.append(c.niggle.fieldset, field(c.note.id, 'Note', c.note),
      el('div', { class: 'log-actions' }, [el('button', { type: 'submit' }, ['Save']), clear]), c.status);
    c.details.appendChild(c.form);
    section.appendChild(c.details);

    fill(c, store.sessions[s.date]);
    c.form.addEventListener('input', () => keep(c, false));
    c.form.addEventListener('change', () => keep(c, false));
    c.form.addEventListener('submit', (event) => {
      event.preventDefault();
      keep(c, true);
    });
    clear.addEventListener('click', () => {
      c.form.reset();
      keep(c, false);
      say(c.status, 'Cleared: nothing is kept for ' + c.label + '.');
    });
    return c;
  }

  // ------------------------------------------------------------------ form <-> stored entry

  function read(c) {
    const value = (input) => (input ? input.value.trim() : '');
    const entry = { unit: data.unit, skipped: c.skipped.checked, note: c.note.value.trim(),
      exercises: {}, check_ins: {},
      niggle: { where: c.niggle.where.value, side: c.niggle.side.value, pain: value(c.niggle.pain) } };
    Object.keys(c.exercises).forEach((id) => {
      const { info, sets } = c.exercises[id];
      entry.exercises[id] = { name: info.name, load: info.load, dose: info.dose,
        sets: sets.map((set) => [value(set.load), value(set.amount), value(set.rir)]) };
    });
    if (c.checkIns) {
      Object.keys(c.checkIns.tests).forEach((id) => {
        const { info, inputs } = c.checkIns.tests[id];
        entry.check_ins[id] = { name: info.name, dose: info.dose, left: value(inputs.left),
          right: value(inputs.right) };
      });
    }
    return entry;
  }

  function fill(c, entry) {
    if (!entry) {
      c.form.reset();
      return show(c, null);
    }
    c.skipped.checked = Boolean(entry.skipped);
    c.note.value = entry.note || '';
    Object.keys(c.exercises).forEach((id) => {
      const done = (entry.exercises || {})[id];
      c.exercises[id].sets.forEach((set, i) => {
        const typed = done && done.sets[i] ? done.sets[i] : ['', '', ''];
        if (set.load) set.load.value = typed[0];
        set.amount.value = typed[1];
        set.rir.value = typed[2];
      });
    });
    if (c.checkIns) {
      Object.keys(c.checkIns.tests).forEach((id) => {
        const result = (entry.check_ins || {})[id] || {};
        c.checkIns.tests[id].inputs.left.value = result.left || '';
        c.checkIns.tests[id].inputs.right.value = result.right || '';
      });
    }
    const niggle = entry.niggle || {};
    c.niggle.where.value = niggle.where || '';
    c.niggle.side.value = niggle.side || 'both';
    c.niggle.pain.value = niggle.pain || '';
    show(c, entry);
  }

  function isEmpty(entry) {
    const typed = (list) => list.some((v) => v !== '');
    return !entry.skipped && !entry.note && !entry.niggle.where && !entry.niggle.pain
      && !Object.values(entry.exercises).some((x) => x.sets.some(typed))
      && !Object.values(entry.check_ins).some((r) => r.left !== '' || r.right !== '');
  }

  function show(c, entry) {
    c.work.querySelectorAll('fieldset').forEach((f) => { f.disabled = Boolean(entry && entry.skipped); });
    c.badge.textContent = entry ? (entry.skipped ? 'skipped' : 'saved') : '';
    c.badge.hidden = !entry;
  }

  function keep(c, announce) {
    const entry = read(c);
    store = (kept && readStore()) || store; // what another tab kept meanwhile stays
    if (isEmpty(entry)) {
      delete store.sessions[c.session.date];
    } else {
      store.sessions[c.session.date] = entry;
    }
    const ok = writeStore();
    const stored = store.sessions[c.session.date] || null;
    show(c, stored);
    updatePanel();
    if (!announce) return;
    if (!stored) {
      say(c.status, 'Nothing to save yet for ' + c.label + '.');
    } else if (ok) {
      say(c.status, 'Saved in this browser: ' + c.label + '.');
    } else {
      say(c.status, 'This browser cannot keep your entries: download your log before you leave the page.');
    }
  }

  function say(region, text) {
    region.textContent = '';
    window.setTimeout(() => { region.textContent = text; }, 50); // announced even when repeated
  }

  // ------------------------------------------------------------------ the log file (YAML)

  function plainNumber(text) {
    return String(Math.round(Number(text) * 100) / 100);
  }

  function yamlKey(text) {
    return /^[a-z][a-z0-9_-]*$/.test(text) && !YAML_WORDS.test(text) ? text : yamlString(text);
  }

  // a double-quoted YAML scalar: safe whatever the text holds (colons, #, quotes, new lines)
  function yamlString(text) {
    const named = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' };
    let out = '"';
    for (const ch of text) {
      const code = ch.codePointAt(0);
      if (named[ch]) {
        out += named[ch];
      } else if (code >= 0xd800 && code <= 0xdfff) {
        out += '\\uFFFD'; // half of a character: replaced
      } else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029
                 || code === 0xfeff || code === 0xfffe || code === 0xffff) {
        out += '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
      } else {
        out += ch;
      }
    }
    return out + '"';
  }

  function setText(x, set, unit, problem) {
    const [load, amount, rir] = set;
    if (!load && !amount && !rir) return '';
    const what = x.dose === 'seconds' ? 'seconds' : 'reps';
    if (!amount) return problem('write the ' + what + ' too, or clear the set', 'amount');
    if (!/^\d+$/.test(amount) || Number(amount) < 1 || Number(amount) > MAX[what]) {
      return problem('the ' + what + ' are a whole number from 1 to ' + MAX[what] + ' (got ' + amount + ')', 'amount');
    }
    if (load && !(/^\d+(\.\d+)?$/.test(load) && Number(load) > 0)) {
      return problem('the load is a number in ' + unit + ' (got ' + load + ')', 'load');
    }
    if (rir && !/^[0-5]$/.test(rir)) {
      return problem('reps in reserve are a whole number from 0 to 5 (got ' + rir + ')', 'rir');
    }
    const weight = load && x.load ? plainNumber(load) + ' ' + unit + (x.load === 'each' ? ' each ' : ' ') : '';
    return weight + 'x ' + amount + (x.dose === 'seconds' ? ' s' : '') + (rir ? ' @ ' + rir : '');
  }

  function sessionLines(date, entry, problem) {
    const lines = [];
    if (entry.skipped) {
      lines.push('    skipped: true');
    } else {
      Object.keys(entry.exercises).forEach((id) => {
        const x = entry.exercises[id];
        const sets = x.sets.map((set, i) => setText(x, set, entry.unit, (text, part) => problem(
          x.name + ', set ' + (i + 1) + ': ' + text, date, id + '-' + (i + 1) + '-' + part))).filter(Boolean);
        if (sets.length) lines.push('    ' + yamlKey(id) + ': [' + sets.join(', ') + ']');
      });
    }
    if (entry.note) lines.push('    note: ' + yamlString(entry.note));
    return lines;
  }

  function checkInLines(date, entry, problem) {
    const lines = [];
    Object.keys(entry.check_ins || {}).forEach((id) => {
      const r = entry.check_ins[id];
      const sides = [];
      ['left', 'right'].forEach((side) => {
        if (r[side] === '') return;
        if (!/^\d+$/.test(r[side])) {
          problem(r.name + ', ' + side + ': write a whole number (got ' + r[side] + ')', date, id + '-' + side);
        } else {
          sides.push(side + ': ' + Number(r[side]) + (r.dose === 'seconds' ? ' s' : ''));
        }
      });
      if (sides.length) lines.push('    ' + yamlKey(id) + ': {' + sides.join(', ') + '}');
    });
    return lines;
  }

  function niggleLine(date, entry, problem) {
    const n = entry.niggle || {};
    if (!n.where && !n.pain) return '';
    if (!n.where) return problem('niggle: say where it hurts, or clear the pain', date, 'where');
    if (!/^\d+$/.test(n.pain || '') || Number(n.pain) > 10) {
      return problem('niggle: pain is a whole number from 0 to 10' + (n.pain ? ' (got ' + n.pain + ')' : ''),
        date, 'pain');
    }
    return '  ' + date + ': {where: ' + yamlKey(n.where) + ', side: ' + yamlKey(n.side || 'both')
      + ', pain: ' + Number(n.pain) + '}';
  }

  function logFile(on) {
    const problems = [];
    const problem = (text, date, part) => {
      problems.push({ text: dayLabel(date) + ', ' + text, id: 'log-' + date + '-' + part, date: date });
      return '';
    };
    const parts = { sessions: [], checkins: [], niggles: [] };
    const dates = Object.keys(store.sessions).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d)).sort();
    dates.forEach((date) => {
      const entry = store.sessions[date];
      const lines = sessionLines(date, entry, problem);
      if (lines.length) parts.sessions.push('  ' + date + ':', ...lines);
      const checks = checkInLines(date, entry, problem);
      if (checks.length) parts.checkins.push('  ' + date + ':', ...checks);
      const niggle = niggleLine(date, entry, problem);
      if (niggle) parts.niggles.push(niggle);
    });
    const text = ['# ' + data.athlete + "'s training log, typed on the athlete page and downloaded on " + on
      + '.', "# For the coach: put this file in the club's logs/ folder as it is.",
    'athlete: ' + yamlKey(data.athlete)];
    Object.keys(parts).forEach((key) => {
      if (parts[key].length) text.push(key + ':', ...parts[key]);
    });
    return { text: text.join('\n') + '\n', problems: problems,
      empty: !parts.sessions.length && !parts.checkins.length && !parts.niggles.length,
      sessions: dates.filter((d) => sessionLines(d, store.sessions[d], () => '').length).length };
  }

  // ------------------------------------------------------------------ the panel: download

  function showProblem(first, count) {
    const more = count > 1 ? ' (' + (count - 1) + ' more to check after this one)' : '';
    say(panel.status, 'Not downloaded: ' + first.text + more + '.');
    const input = document.getElementById(first.id);
    if (input) {
      const details = input.closest('details');
      if (details) details.open = true;
      input.focus();
    }
  }

  function download() {
    store = (kept && readStore()) || store; // every change is kept as it is typed
    const on = today();
    const log = logFile(on);
    if (log.problems.length) return showProblem(log.problems[0], log.problems.length);
    if (log.empty) return say(panel.status, 'Nothing to download yet: log a session first.');
    const name = data.athlete + '.' + on + '.yaml';
    const url = URL.createObjectURL(new Blob([log.text], { type: 'application/yaml' }));
    const link = el('a', { href: url, download: name, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10000);
    say(panel.status, 'Downloaded ' + name + ' (' + log.sessions + ' session' + (log.sessions === 1 ? '' : 's')
      + '). Send it to your coach.');
  }

  function buildPanel() {
    const heading = document.getElementById('weeks-h');
    const button = el('button', { type: 'button' }, ['Download my log']);
    const p = { count: el('p', { class: 'log-count' }), status: el('p', { class: 'log-status', role: 'status' }) };
    p.node = el('section', { class: 'log-panel', 'aria-labelledby': 'log-panel-h' }, [
      el('h3', { id: 'log-panel-h' }, ['Your training log']),
      el('p', {}, ['Under each session, open “Log this session” and write what you lifted: load, reps and '
        + 'reps in reserve for each set. Entries stay in this browser on this device; nothing is sent '
        + 'anywhere. To share them with your coach, download your log and send them the file.']),
      p.count, el('p', { class: 'log-actions' }, [button]), p.status,
    ]);
    if (!kept) {
      p.count.textContent = 'This browser does not keep entries between visits: download your log before you leave the page.';
    }
    button.addEventListener('click', download);
    if (heading) {
      heading.after(p.node);
    } else if (document.querySelector('section.session')) {
      document.querySelector('section.session').before(p.node);
    }
    return p;
  }

  function updatePanel() {
    if (!panel || !kept) return;
    const n = Object.keys(store.sessions).length;
    panel.count.textContent = n ? n + ' day' + (n === 1 ? '' : 's') + ' logged in this browser.'
      : 'Nothing logged in this browser yet.';
  }

  if (SCRIPT) {
    document.head.appendChild(el('link', { rel: 'stylesheet', href: new URL('log.css', SCRIPT).href }));
  }
  const panel = buildPanel();
  data.sessions.forEach((s) => {
    const c = buildSession(s);
    if (c) forms.push(c);
  });
  updatePanel();
  window.addEventListener('storage', (event) => { // the same page changed in another tab
    if (event.key !== STORE_KEY) return;
    store = readStore() || store;
    forms.forEach((c) => fill(c, store.sessions[c.session.date]));
    updatePanel();
  });
}());
