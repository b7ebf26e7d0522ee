// The course's quiz, in the page: one question per widget (and a score panel), graded here for instant feedback.
//
// Used three ways, always with the same code: as an anywidget front end in JupyterLab, Notebook 7 and Voila (the
// model is the widget's, synced with Python, which keeps the progress file and the score); in the offline handouts
// (handouts.py puts this text in an inline module with a small model stand-in kept in localStorage); and in node,
// where tests/test_grading_differential.py imports the grading functions below and compares them with grading.py.
//
// Grading here must agree with src/miscarriage_course/quiz/grading.py, the reference: same statuses, same messages.
// Nothing here touches the DOM until render() is called, and nothing is fetched.

export const CORRECT = "correct", PARTLY = "partly", WRONG = "wrong", EMPTY = "empty", INVALID = "invalid";
const ATTEMPT_STATUSES = [CORRECT, PARTLY, WRONG];
const LONGEST_ECHO = 40;
export const FAIR_TRY = 2; // select-all: verdicts on each ticked option from this attempt on (grading.FAIR_TRY)

// Python's str.isspace() characters, so strip() and split() agree with grading.py exactly.
const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const EDGE_SPACE = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g");
const SPACE_RUN = new RegExp(`[${SPACE}]+`);
const pyStrip = (text) => text.replace(EDGE_SPACE, "");
const codePoints = (text) => Array.from(text);

function echo(text) {
  const words = text.split(SPACE_RUN).filter((w) => w !== "").join(" ");
  const chars = codePoints(words);
  return chars.length <= LONGEST_ECHO ? words : chars.slice(0, LONGEST_ECHO).join("") + "…";
}

function result(status, messages) {
  return { status, messages, countsAsAttempt: ATTEMPT_STATUSES.includes(status), isCorrect: status === CORRECT };
}

/** A number typed by a learner: {value} or {value: null, problem}; a note when a decimal comma was read. */
export function parseNumber(text, units = "") {
  if (text === null || text === undefined) return { value: null, problem: "Type a number in the box first.", note: "" };
  const raw = String(text);
  let cleaned = pyStrip(raw);
  if (units && cleaned.toLowerCase().endsWith(units.toLowerCase())) {
    cleaned = pyStrip(codePoints(cleaned).slice(0, -codePoints(units).length).join(""));
  }
  cleaned = pyStrip(cleaned.replace(/%+$/, ""));
  if (!cleaned) return { value: null, problem: "Type a number in the box first.", note: "" };
  let note = "";
  if (/^[+-]?[0-9]+,[0-9]+$/.test(cleaned)) {
    if (/^[+-]?[0-9]{1,3},[0-9]{3}$/.test(cleaned)) {
      return {
        value: null, note: "",
        problem: `'${echo(raw)}' could mean a decimal or a thousands separator. ` +
          "Please write it with a decimal point (for example 1.5) and no commas.",
      };
    }
    cleaned = cleaned.replace(",", ".");
    note = `Read '${echo(raw)}' as ${cleaned}.`;
  }
  if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(cleaned)) {
    if (["inf", "infinity", "nan"].includes(cleaned.toLowerCase().replace(/^[+-]+/, ""))) {
      return { value: null, problem: "Please enter an ordinary finite number, such as 12.5.", note: "" };
    }
    return { value: null, problem: `'${echo(raw)}' is not a number. Type digits only, for example 12.5.`, note: "" };
  }
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { value: null, problem: "Please enter an ordinary finite number, such as 12.5.", note: "" };
  return { value, problem: "", note };
}

function gradeNumeric(q, text) {
  const parsed = parseNumber(text, q.units);
  if (parsed.value === null) return result(INVALID, [parsed.problem]);
  const [low, high] = [q.low, q.high];
  const slack = 1e-9 * Math.max(1.0, Math.abs(low), Math.abs(high));
  const notes = parsed.note ? [parsed.note] : [];
  if (low - slack <= parsed.value && parsed.value <= high + slack) return result(CORRECT, [...notes, q.feedback.correct]);
  return result(WRONG, [...notes, q.feedback[parsed.value < low ? "too_low" : "too_high"]]);
}

function gradeSingle(q, chosen) {
  if (chosen === null || chosen === undefined) return result(EMPTY, ["Choose one of the options first."]);
  const option = q.options[chosen];
  return result(option.correct ? CORRECT : WRONG, [option.feedback]);
}

function gradeTrueFalse(q, chosen) {
  if (chosen === null || chosen === undefined) return result(EMPTY, ["Choose True or False first."]);
  return result(chosen === q.answer ? CORRECT : WRONG, [q.feedback[chosen ? "true" : "false"]]);
}

const letter = (i) => String.fromCharCode(65 + i);
const count = (n) => ({ 1: "One", 2: "Two", 3: "Three" })[n] || String(n);
const isAre = (n) => (n === 1 ? "is" : "are");

function gradeMultiple(q, chosenList, attempt) {
  const chosen = [...new Set(chosenList || [])].sort((a, b) => a - b);
  if (chosen.length === 0) return result(EMPTY, ["Tick at least one option first."]);
  const correct = q.options.map((o, i) => (o.correct ? i : -1)).filter((i) => i >= 0);
  const verdicts = chosen.map((i) => `${letter(i)}: ${q.options[i].feedback}`);
  const right = chosen.filter((i) => correct.includes(i));
  const extra = chosen.filter((i) => !correct.includes(i));
  const missed = correct.filter((i) => !chosen.includes(i));
  if (extra.length === 0 && missed.length === 0) return result(CORRECT, verdicts);
  const status = right.length ? PARTLY : WRONG;
  if (chosen.length === q.options.length) {
    return result(status, ["You ticked every option, and not every option is right. Tick only the ones you think are right."]);
  }
  const summary = [];
  if (right.length) summary.push(`You found ${right.length} of the ${correct.length} right options.`);
  if (extra.length) summary.push(`${count(extra.length)} you ticked ${isAre(extra.length)} not right.`);
  if (missed.length) {
    summary.push(`${count(missed.length)} right option${missed.length > 1 ? "s" : ""} ${isAre(missed.length)} still unticked.`);
  }
  if (attempt < FAIR_TRY) {
    return result(status, [summary.join(" "), "Think again about each option; from your next try, each option you tick gets its own feedback."]);
  }
  return result(status, [summary.join(" "), ...verdicts]);
}

/** Grade any question; `attempt` is the number this attempt has (1 for the first). Mirrors grading.grade. */
export function grade(q, answer, attempt = 1) {
  if (q.type === "single") return gradeSingle(q, answer);
  if (q.type === "multiple") return gradeMultiple(q, answer, attempt);
  if (q.type === "truefalse") return gradeTrueFalse(q, answer);
  return gradeNumeric(q, answer);
}

/** The score panel's sentence, from every question's record. Mirrors ScorePanel.text in widgets.py. */
export function scoreText(records, total) {
  const list = Object.values(records || {});
  const n = (test) => list.filter(test).length;
  const firstTry = n((r) => r.first_try), solved = n((r) => r.solved), revealed = n((r) => r.revealed);
  const attempted = n((r) => r.attempts || r.revealed);
  return `${firstTry} of ${total} right on the first try. ${solved} of ${total} answered correctly so far; ` +
    `${revealed} shown with Show answer; ${total - attempted} not tried yet.`;
}

// --- the page ---------------------------------------------------------------------------------------------------

const LOOK = {
  correct: ["✓", "Correct."],
  partly: ["◐", "Partly right."],
  wrong: ["✗", "Not quite."],
  empty: ["⚠", "No answer yet."],
  invalid: ["⚠", "That answer can't be checked yet."],
  revealed: ["ℹ", "The answer."],
  cleared: ["↺", "Answer cleared."],
};
// How long to wait for Python to say an answer is saved before telling the learner it is not.
const SAVE_WAIT_MS = 2500;
const RECORD_EVENT = "course-quiz-record";
// Ids and radio-group names must be unique on the page. A counter alone is not: anywidget may load this module once
// per widget (Voila does), and each copy would count from 1, putting every question's radios in one group.
let uniqueNumber = 0;
const uniqueId = (what) => `${what}-${Math.random().toString(36).slice(2, 10)}-${++uniqueNumber}`;

function make(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "text") el.textContent = value;
    else if (value !== null && value !== undefined && value !== false) el.setAttribute(key, value === true ? "" : value);
  }
  el.append(...children);
  return el;
}

/** Keys typed inside a quiz are the quiz's: JupyterLab must not turn ArrowDown into "next cell", or "a" into
 * "insert a cell above". Escape still goes through, so the learner can get back to the notebook's command mode. */
function keepKeys(root) {
  root.addEventListener("keydown", (event) => { if (event.key !== "Escape") event.stopPropagation(); });
}

function kernelGone(model) {
  try {
    const kernel = model.widget_manager && model.widget_manager.kernel;
    return Boolean(kernel && (kernel.isDisposed || kernel.status === "dead" || kernel.connectionStatus === "disconnected"));
  } catch (error) {
    return false;
  }
}

/** Send changed traits to Python, counting the change in `actions` (equal values would not reach Python's
 * observers). Python answers by setting `ackName` to that count once the answer is saved. `onSaved(false)` comes
 * at once when the kernel is known to be gone, or after SAVE_WAIT_MS without an answer; a late answer still calls
 * `onSaved(true)`. */
function sendToPython(model, changes, ackName, onSaved) {
  const number = (model.get("actions") || 0) + 1;
  model.set({ ...changes, actions: number });
  let answered = false;
  const acknowledged = () => {
    if ((model.get(ackName) || 0) < number) return;
    answered = true;
    model.off(`change:${ackName}`, acknowledged);
    onSaved(true);
  };
  model.on(`change:${ackName}`, acknowledged);
  try {
    if (kernelGone(model)) throw new Error("the kernel is gone");
    model.save_changes();
  } catch (error) {
    onSaved(false);
    return;
  }
  setTimeout(() => { if (!answered) onSaved(false); }, SAVE_WAIT_MS);
}

const NOT_SAVED = "This answer is not saved: the notebook's Python kernel is not running (it may have stopped or " +
  "restarted). Your feedback is still right. To keep your answers, run the notebook again (Run All), then answer again.";

function renderQuestion(model, el) {
  const q = model.get("question");
  const uid = uniqueId("course-quiz");
  const root = make("div", { class: "course-quiz", "data-question-id": q.id });
  keepKeys(root);
  const heading = make("h3", { class: "course-quiz-heading", id: `${uid}-heading`, text: q.heading });
  const fieldset = make("fieldset", { class: "course-quiz-fieldset" },
    make("legend", { class: "course-quiz-prompt", text: q.prompt }));
  let controls = [];
  if (q.type === "numeric") {
    // The units' words come from Python (vocabulary.units_phrase), shared with the printed form.
    const label = q.units_phrase ? `Your answer ${q.units_phrase}` : "Your answer (a number)";
    const box = make("input", { type: "text", id: `${uid}-number`, inputmode: "decimal", autocomplete: "off",
      spellcheck: "false", class: "course-quiz-number" });
    box.addEventListener("keydown", (event) => { if (event.key === "Enter") { event.preventDefault(); check(); } });
    fieldset.append(make("label", { for: box.id, class: "course-quiz-number-label", text: label }), " ", box);
    controls = [box];
  } else {
    const texts = q.type === "truefalse" ? ["True", "False"] : q.options.map((o, i) => `${letter(i)}. ${o.text}`);
    const kind = q.type === "multiple" ? "checkbox" : "radio";
    texts.forEach((text, i) => {
      const input = make("input", { type: kind, name: `${uid}-choice`, value: String(i), id: `${uid}-option-${i}` });
      fieldset.append(make("div", { class: "course-quiz-option" }, input, make("label", { for: input.id, text })));
      controls.push(input);
    });
  }
  const checkButton = make("button", { type: "button", class: "course-quiz-check", text: "Check" });
  const retryButton = make("button", { type: "button", class: "course-quiz-retry", text: "Try again" });
  const revealButton = make("button", { type: "button", class: "course-quiz-reveal", text: "Show answer",
    title: `Offered after ${q.reveal_after} tries` });
  const status = make("div", { class: "course-quiz-feedback", role: "status", "aria-live": "polite" });
  const saving = make("p", { class: "course-quiz-saving", role: "status", "aria-live": "polite" });
  root.append(heading, fieldset, make("div", { class: "course-quiz-buttons" }, checkButton, retryButton, revealButton),
    status, saving);
  el.replaceChildren(root);

  let lastChecked = null; // the answer last counted, so checking it again is not a new attempt

  const readAnswer = () => {
    if (q.type === "numeric") return controls[0].value;
    if (q.type === "multiple") return controls.map((c, i) => (c.checked ? i : -1)).filter((i) => i >= 0);
    const chosen = controls.findIndex((c) => c.checked);
    if (chosen < 0) return null;
    return q.type === "truefalse" ? chosen === 0 : chosen;
  };
  const writeAnswer = (answer) => {
    if (q.type === "numeric") controls[0].value = answer === null || answer === undefined ? "" : String(answer);
    else if (q.type === "multiple") controls.forEach((c, i) => { c.checked = Array.isArray(answer) && answer.includes(i); });
    else controls.forEach((c, i) => { c.checked = answer !== null && answer !== undefined && (q.type === "truefalse" ? (i === 0) === answer : i === answer); });
  };
  const comparable = (answer) => JSON.stringify(typeof answer === "string" ? pyStrip(answer) : answer);

  const show = (look, paragraphs, footer = "") => {
    const [symbol, words] = LOOK[look];
    status.className = `course-quiz-feedback course-quiz-${look}`;
    const parts = [make("p", {}, make("strong", {}, make("span", { "aria-hidden": "true", text: symbol }), ` ${words}`))];
    for (const text of paragraphs.filter(Boolean)) parts.push(make("p", { text }));
    if (footer) parts.push(make("p", { class: "course-quiz-footer" }, make("em", { text: footer })));
    status.replaceChildren(...parts);
  };
  const setButtons = ({ locked, attempts, retry }) => {
    controls.forEach((c) => { c.disabled = locked; });
    checkButton.disabled = locked;
    retryButton.disabled = !retry;
    revealButton.disabled = locked || attempts < q.reveal_after;
  };
  const showResult = (res, attempts, restored) => {
    let footer = attempts ? `Attempt ${attempts}.` : "";
    if (restored) footer = `Restored from your saved answers. ${footer}`;
    if (res.isCorrect) {
      show(res.status, [...res.messages, q.explanation, `Sources: ${q.sources}`], footer);
      return;
    }
    let hint = "Change your answer and check again.";
    if (attempts >= q.reveal_after) hint += " Or choose Show answer to see it with an explanation.";
    show(res.status, [...res.messages, hint], footer);
  };
  const showRevealed = () => show("revealed", [`The answer: ${q.answer_text}`, q.explanation, `Sources: ${q.sources}`]);

  /** Draw everything from the model's state: on first render, and whenever Python changes the state itself. */
  const drawFromModel = () => {
    const answer = model.get("answer"), attempts = model.get("attempts"), locked = model.get("locked");
    writeAnswer(answer);
    lastChecked = null;
    if (model.get("revealed") && locked) {
      showRevealed();
      setButtons({ locked: true, attempts, retry: true });
      return;
    }
    const res = grade(q, answer, attempts || 1);
    if (attempts && res.countsAsAttempt) {
      lastChecked = comparable(answer);
      showResult(res, attempts, model.get("restored"));
      setButtons({ locked, attempts, retry: true });
    } else {
      status.className = "course-quiz-feedback";
      status.replaceChildren();
      setButtons({ locked, attempts, retry: false });
    }
  };

  const record = () => ({
    answer: model.get("answer"), attempts: model.get("attempts"), solved: model.get("solved"),
    first_try: model.get("first_try"), revealed: model.get("revealed"), locked: model.get("locked"),
  });
  const publish = (changes) => {
    saving.textContent = "";
    sendToPython(model, { ...changes, restored: false }, "saved_actions", (saved) => {
      saving.textContent = saved ? model.get("save_message") || "" : NOT_SAVED;
    });
    window.dispatchEvent(new CustomEvent(RECORD_EVENT, { detail: { bank: q.bank, id: q.id, record: record() } }));
  };

  // Focus stays on a control that can act: a button that is about to be disabled hands focus on.
  const focusAfter = (hadFocus, target) => {
    if (!hadFocus) return;
    const active = document.activeElement;
    if (active && root.contains(active) && !active.disabled) return;
    if (target && document.activeElement !== target) target.focus();
  };
  const focusInside = () => root.contains(document.activeElement);
  // New feedback below the window's edge is scrolled into sight (a screen reader announces it either way).
  const bringFeedbackIntoView = () => {
    const box = status.getBoundingClientRect();
    if (box.bottom > window.innerHeight || box.top < 0) status.scrollIntoView({ block: "nearest" });
  };
  const firstControl = () => controls.find((c) => c.checked) || controls[0];

  function check() {
    const hadFocus = focusInside();
    if (model.get("locked")) return;
    const given = readAnswer();
    const key = comparable(given);
    const isNew = key !== lastChecked;
    let attempts = model.get("attempts");
    const res = grade(q, given, isNew ? attempts + 1 : attempts);
    if (!res.countsAsAttempt) {
      show(res.status, res.messages);
      bringFeedbackIntoView();
      return;
    }
    const changes = { answer: given, locked: res.isCorrect };
    if (isNew) {
      attempts += 1;
      lastChecked = key;
      changes.attempts = attempts;
      if (res.isCorrect) {
        changes.solved = true;
        changes.first_try = model.get("first_try") || attempts === 1;
      }
    }
    showResult(res, attempts, false);
    setButtons({ locked: res.isCorrect, attempts, retry: true });
    bringFeedbackIntoView();
    publish(changes);
    focusAfter(hadFocus, res.isCorrect ? retryButton : checkButton);
  }

  function tryAgain() {
    const hadFocus = focusInside();
    lastChecked = null;
    writeAnswer(null);
    const attempts = model.get("attempts");
    show("cleared", [q.type === "numeric" ? "Type a new answer, then choose Check." : "Choose again, then choose Check."]);
    setButtons({ locked: false, attempts, retry: false });
    publish({ answer: q.type === "multiple" ? [] : null, locked: false });
    focusAfter(hadFocus, firstControl());
  }

  function reveal() {
    const hadFocus = focusInside();
    if (model.get("attempts") < q.reveal_after && !model.get("revealed")) return;
    showRevealed();
    setButtons({ locked: true, attempts: model.get("attempts"), retry: true });
    bringFeedbackIntoView();
    publish({ revealed: true, locked: true, answer: readAnswer() });
    focusAfter(hadFocus, retryButton);
  }

  checkButton.addEventListener("click", check);
  retryButton.addEventListener("click", tryAgain);
  revealButton.addEventListener("click", reveal);
  drawFromModel();
  const redraw = () => drawFromModel();
  const saveNote = () => { if (model.get("save_message")) saving.textContent = model.get("save_message"); };
  model.on("change:epoch", redraw);
  model.on("change:save_message", saveNote);
  return () => { model.off("change:epoch", redraw); model.off("change:save_message", saveNote); };
}

function renderScore(model, el) {
  const uid = uniqueId("course-quiz-score");
  const bank = model.get("bank"), total = model.get("total");
  let records = { ...model.get("records") };
  const root = make("section", { class: "course-quiz-score", "aria-labelledby": `${uid}-heading` });
  keepKeys(root);
  const summary = make("p", { role: "status", "aria-live": "polite", class: "course-quiz-score-summary" });
  const message = make("p", { class: "course-quiz-score-message", role: "status", "aria-live": "polite" });
  const resetButton = make("button", { type: "button", class: "course-quiz-reset", text: "Reset my answers" });
  root.append(make("h3", { id: `${uid}-heading`, text: "Your score for this notebook" }), summary, message, resetButton);
  el.replaceChildren(root);
  const draw = () => { summary.textContent = scoreText(records, total); };
  const fromPython = () => { records = { ...model.get("records") }; message.textContent = model.get("message") || ""; draw(); };
  // Each question on the page announces its answers, so the score stays right even when Python cannot answer.
  const onRecord = (event) => {
    if (event.detail.bank !== bank) return;
    records = { ...records, [event.detail.id]: event.detail.record };
    draw();
  };
  let confirming = false;
  resetButton.addEventListener("click", () => {
    if (!confirming) {
      confirming = true;
      resetButton.textContent = "Select again to confirm the reset";
      message.textContent = "Resetting forgets every answer to this notebook's questions. Select the button again to confirm.";
      return;
    }
    confirming = false;
    resetButton.textContent = "Reset my answers";
    message.textContent = "Resetting…";
    sendToPython(model, {}, "resets_done", (done) => {
      message.textContent = done ? model.get("message") || "Your answers to this notebook are reset."
        : "Resetting needs the notebook's Python kernel, which is not running. Run the notebook again (Run All), then reset.";
    });
  });
  window.addEventListener(RECORD_EVENT, onRecord);
  model.on("change:records", fromPython);
  model.on("change:message", fromPython);
  fromPython();
  return () => {
    window.removeEventListener(RECORD_EVENT, onRecord);
    model.off("change:records", fromPython);
    model.off("change:message", fromPython);
  };
}

// --- offline: the handouts' stand-in for the widget model, with answers kept in this browser ----------------------

const STORE_PREFIX = "miscarriage-course:";
const BLANK = { answer: null, attempts: 0, solved: false, first_try: false, revealed: false, locked: false };
const RECORD_FIELDS = Object.keys(BLANK);

function readStored(key) {
  try { return JSON.parse(window.localStorage.getItem(STORE_PREFIX + key)); } catch (error) { return null; }
}

function writeStored(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(STORE_PREFIX + key);
    else window.localStorage.setItem(STORE_PREFIX + key, JSON.stringify(value));
    return true;
  } catch (error) {
    return false;
  }
}

/** A saved record, checked against the question (a record from an older bank is dropped), as the model's state. */
function restoredState(q, saved) {
  if (!saved || typeof saved !== "object") return null;
  const n = q.options ? q.options.length : 0;
  const index = (i) => Number.isInteger(i) && i >= 0 && i < n;
  const a = saved.answer;
  const fits = a === null || a === undefined || (q.type === "single" ? index(a) : q.type === "multiple"
    ? Array.isArray(a) && a.every(index) : q.type === "truefalse" ? typeof a === "boolean" : typeof a === "string");
  const attempts = saved.attempts;
  if (!fits || !Number.isInteger(attempts) || attempts < 0) return null;
  const state = { ...BLANK, answer: a === undefined ? null : a, attempts, solved: saved.solved === true,
    first_try: saved.first_try === true, revealed: saved.revealed === true };
  state.locked = state.revealed && saved.locked !== false ? true : Boolean(attempts && grade(q, state.answer, attempts).isCorrect);
  return state;
}

/** Just enough of a widget model for render(): get, set, on, off, save_changes. `onSave` plays Python's part. */
function standInModel(state, onSave) {
  const listeners = {};
  const model = {
    get: (name) => state[name],
    set(name, value) {
      const changes = typeof name === "object" ? name : { [name]: value };
      const changed = Object.keys(changes).filter((key) => state[key] !== changes[key]);
      Object.assign(state, changes);
      for (const key of changed) for (const callback of [...(listeners[`change:${key}`] || [])]) callback();
    },
    on(event, callback) { (listeners[event] = listeners[event] || []).push(callback); },
    off(event, callback) { listeners[event] = (listeners[event] || []).filter((c) => c !== callback); },
    save_changes() { Promise.resolve().then(() => onSave(model)); },
    send() {},
  };
  return model;
}

const NOT_KEPT = "This browser does not let the page keep your answers (storage is off), so they will be gone when " +
  "you close it. Your feedback is still right.";

/** Make every quiz on an offline handout page live. Each `.course-quiz-live` holder has a JSON data block and the
 * static form, which stays for readers without scripts and is hidden once the live quiz is drawn. */
export function mountOffline(doc = document) {
  const questions = [];
  for (const holder of doc.querySelectorAll(".course-quiz-live")) {
    const data = JSON.parse(holder.querySelector("script.course-quiz-data").textContent);
    let model;
    if (data.kind === "score") {
      const records = {};
      for (const id of data.ids) {
        const saved = readStored(`${data.bank}/${id}`);
        if (saved) records[id] = saved;
      }
      model = standInModel({ kind: "score", bank: data.bank, total: data.ids.length, records, message: "",
        actions: 0, resets_done: 0 }, (score) => {
        for (const question of questions.filter((m) => m.get("question").bank === data.bank)) {
          writeStored(`${data.bank}/${question.get("question").id}`, null);
          question.set({ ...BLANK, restored: false, epoch: question.get("epoch") + 1 });
        }
        score.set({ records: {}, message: "Your answers to this notebook are reset.", resets_done: score.get("actions") });
      });
    } else {
      const q = data.question;
      const key = `${q.bank}/${q.id}`;
      const restored = restoredState(q, readStored(key));
      model = standInModel({ kind: "question", question: q, ...BLANK, ...(restored || {}), restored: Boolean(restored),
        actions: 0, saved_actions: 0, save_message: "", epoch: 0 }, (m) => {
        const record = Object.fromEntries(RECORD_FIELDS.map((field) => [field, m.get(field)]));
        m.set({ save_message: writeStored(key, record) ? "" : NOT_KEPT, saved_actions: m.get("actions") });
      });
      questions.push(model);
    }
    const el = doc.createElement("div");
    holder.append(el);
    render({ model, el });
    for (const fallback of holder.querySelectorAll(".course-quiz-static, .course-quiz-score-static")) fallback.hidden = true;
  }
  return questions.length;
}

export function render({ model, el }) {
  return model.get("kind") === "score" ? renderScore(model, el) : renderQuestion(model, el);
}

export default { render };
