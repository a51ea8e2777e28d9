// The demo page: plain DOM, no framework. It only talks to its own origin:
// the edge function's /api/* routes, and (Sandbox only) the stand-ins for
// Caisson's browser button and the Sandbox's clock under /sandbox/*.

const $ = (sel) => document.querySelector(sel);

/** Creates an element: h("p", { class: "x" }, "text", child, ...). Text is always text, never HTML. */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === false || v == null) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

async function post(path, body) {
  let res;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, data: { error: { code: "OFFLINE", message: "The demo server could not be reached: is it still running?" } } };
  }
  let data;
  try {
    data = await res.json();
  } catch {
    data = { error: { code: "BAD_RESPONSE", message: "The server's answer could not be read." } };
  }
  return { ok: res.ok, status: res.status, data };
}

function showWire(id, path, value) {
  $(id).textContent = `${path}\n${JSON.stringify(value, null, 2)}`;
}

// Moves focus to a new outcome (keyboard and screen-reader users land on
// it) and brings all of it into view (on a phone it is below the form).
function focusHeading(container) {
  const heading = container.querySelector("[data-focus]");
  if (!heading) return;
  heading.focus({ preventScroll: true });
  const box = heading.closest(".outcome") ?? heading;
  const r = box.getBoundingClientRect();
  if (r.top < 0 || r.bottom > window.innerHeight) box.scrollIntoView({ block: r.height > window.innerHeight ? "start" : "end" });
}

// This page's session with the edge function (a product's signed-in
// session): only it may answer, or read the outcome of, the questions it was
// asked. getRandomValues, not randomUUID: the page may be served over plain
// http on a LAN address (--host 0.0.0.0), which is not a secure context.
const SESSION = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

let config = { runtime: "workerd", caisson: "sandbox", goldstar: "sandbox", customerId: "demo_user_42" };

// --- Caisson -----------------------------------------------------------------

const DECISIONS = {
  approve: ["Approved", "The ID check passed: let them through."],
  review: ["Needs review", "Not a clear pass: ask the person to try again, or send it to your team's review."],
  decline: ["Declined", "Do not accept this check."],
};
// A reason without a userAction: no new attempt by the person fixes it.
const NO_ACTION = {
  review: "Nothing for the person to do about this one: your team reviews it.",
  other: "Nothing the person can fix by trying again.",
};

const caisson = {
  result: $("#caisson-result"),
  token: null,
  timer: null,
  attempts: 0,
  startedAt: 0,

  seq: 0,

  // Stops polling; an answer already on its way is then ignored.
  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    this.seq += 1;
  },

  reset() {
    this.stop();
    this.token = null;
    this.skipNote = null;
    this.result.replaceChildren();
    const first = document.querySelector('#caisson-form input[name="preset"]:checked') ?? $("#caisson-token");
    first?.focus();
  },

  busy(text) {
    this.result.replaceChildren(h("p", { class: "busy", role: "status" }, text));
  },

  async start(event) {
    event.preventDefault();
    this.stop();
    const preset = new FormData(event.target).get("preset");
    this.busy("Caisson's button is running the check…");
    // The stand-in for the button's idCheckCreated event: a one-time token.
    const made = await post("/sandbox/caisson/button", { preset, customerId: config.customerId });
    if (!made.ok) return this.error(made.data);
    this.verify(made.data.check_exchange_token);
  },

  async startLive(event) {
    event.preventDefault();
    const token = $("#caisson-token").value.trim();
    if (!token) return $("#caisson-token").focus();
    this.stop();
    this.verify(token);
  },

  async verify(token) {
    this.token = token;
    this.skipNote = null;
    this.attempts = 0;
    this.startedAt = Date.now();
    this.busy("Your edge function is checking the result…");
    await this.poll(true);
  },

  async poll(first = false) {
    this.timer = null;
    this.attempts += 1;
    const seq = ++this.seq;
    const res = await post("/api/caisson/verify", { token: this.token, session: SESSION });
    if (seq !== this.seq) return; // stopped, or a newer check started meanwhile
    showWire("#caisson-wire", "POST /api/caisson/verify", res.data);
    if (!res.ok) return this.error(res.data);
    const r = res.data;
    if (r.state === "pending") return this.pending(r.retryAfterMs ?? 2000, first);
    if (r.state === "in_review") return this.inReview();
    this.done(r);
  },

  pending(waitMs, first) {
    const gaveUp = Date.now() - this.startedAt > 5 * 60 * 1000;
    const counted = `Checked ${this.attempts} ${this.attempts === 1 ? "time" : "times"}.`;
    const shown = this.result.querySelector(".outcome[data-state=pending]");
    if (shown && !first && !gaveUp) {
      // Only the count changes (not announced: the live region would chatter).
      const line = shown.querySelector("[data-attempts]");
      line.dataset.attempts = this.attempts;
      line.textContent = counted;
    } else {
      const canSkip = config.caisson === "sandbox" && !this.skipNote;
      this.result.replaceChildren(
        h("div", { class: "outcome outcome--pending", "data-state": "pending" },
          h("h3", { "data-focus": true, tabindex: "-1" }, h("span", { class: "badge" }, "Pending"), " Still processing"),
          h("p", {}, gaveUp
            ? "Caisson has not finished this check yet. Come back later: the result will be waiting."
            : "Caisson has not finished this check yet. Trying again shortly…"),
          h("p", { class: "hint", "data-attempts": this.attempts, "aria-live": "off" }, counted),
          this.skipNote && h("p", { class: "hint", role: "status" }, this.skipNote),
          h("div", { class: "actions" },
            canSkip && h("button", { type: "button", class: "secondary", "data-action": "skip", onclick: () => this.skip() }, "Skip 30 s on the Sandbox clock"),
            h("button", { type: "button", class: "secondary", onclick: () => (gaveUp ? this.poll() : this.reset()) }, gaveUp ? "Check again" : "Stop checking"),
          ),
        ),
      );
      if (first || gaveUp) focusHeading(this.result);
    }
    if (!gaveUp) this.timer = setTimeout(() => this.poll(), waitMs);
  },

  async skip() {
    const res = await post("/sandbox/clock", { advanceMs: 30_000 });
    this.stop();
    // Refused (the Sandbox's clock is far enough ahead): say so, keep polling.
    if (!res.ok) this.skipNote = res.data.error?.message ?? "The Sandbox's clock cannot skip ahead now.";
    await this.poll(!res.ok);
  },

  inReview() {
    this.stop();
    this.result.replaceChildren(
      h("div", { class: "outcome outcome--review", "data-state": "in_review" },
        h("h3", { "data-focus": true, tabindex: "-1" }, h("span", { class: "badge" }, "In review"), " Under review by Caisson"),
        h("p", {}, "Caisson's team is looking at this check by hand. That can take a while: the person can leave, and you can check again later."),
        h("div", { class: "actions" },
          h("button", { type: "button", class: "secondary", onclick: () => this.poll() }, "Check again"),
          h("button", { type: "button", class: "secondary", onclick: () => this.reset() }, "Start a new check"),
        ),
      ),
    );
    focusHeading(this.result);
  },

  done(r) {
    this.stop();
    const [title, meaning] = DECISIONS[r.decision] ?? [r.decision, ""];
    const retry = r.reasons.some((x) => x.retryable);
    this.result.replaceChildren(
      h("div", { class: `outcome outcome--${r.decision}`, "data-state": "done", "data-decision": r.decision },
        h("h3", { "data-focus": true, tabindex: "-1" }, h("span", { class: "badge" }, title), " ", h("span", { class: "person" }, r.name)),
        h("p", {}, meaning),
        r.reasons.length > 0 && [
          h("h4", {}, "What the person can do"),
          h("ul", { class: "reasons" },
            r.reasons.map((x) =>
              h("li", { "data-code": x.code },
                h("span", { class: "code" }, `${x.code} · ${x.category.replace("_", " ")}`),
                h("span", { class: "action" }, x.userAction ?? (r.decision === "review" ? NO_ACTION.review : NO_ACTION.other)),
              ),
            ),
          ),
        ],
        r.findings.length > 0 &&
          h("details", { class: "findings" },
            h("summary", {}, "Why this decision (assessIdCheck)"),
            h("ul", {}, r.findings.map((f) => h("li", {}, h("code", {}, f.rule), ": ", f.detail))),
          ),
        h("div", { class: "actions" },
          h("button", { type: "button", class: retry ? "primary" : "secondary", onclick: () => this.reset() }, retry ? "Try again" : "Start a new check"),
        ),
      ),
    );
    focusHeading(this.result);
  },

  error(data) {
    this.stop();
    const e = data.error ?? {};
    this.result.replaceChildren(
      h("div", { class: "outcome outcome--error", "data-state": "error", "data-code": e.code },
        h("h3", { "data-focus": true, tabindex: "-1" }, h("span", { class: "badge" }, "Error"), " The check could not be completed"),
        h("p", {}, e.message ?? "Something went wrong."),
        h("p", { class: "hint" }, h("code", {}, e.code ?? "UNKNOWN")),
        h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: () => this.reset() }, "Start again")),
      ),
    );
    focusHeading(this.result);
  },
};

// --- Goldstar ------------------------------------------------------------------

const PERSON = {
  firstname: "Jamie", lastname: "Doe", address: "222333 Peachtree Place", city: "Atlanta",
  state: "GA", zip: "30318", dob: "1989-06-30",
};
// The Sandbox's documented quiz answers (www/SANDBOX.md), shown as a hint in Sandbox mode.
const SANDBOX_ANSWERS = {
  "residence.type": "Single Family Residence",
  "person.not.known": "LUIS PEREIRA",
  "city.of.residence": "THORNTON",
  "prior.residence.state.multiyear": "KENTUCKY",
  "time.at.current.address": "Over 5 years",
  "current.county.b": "COBB",
  "purchased.property.from": "JOE ANDERSON",
  "previous.address": "None of the above",
};
const SEVERITY = { hard_stop: "Hard stop", signal: "Signal", info: "Info" };
// Which input shows an error for a field the library names.
const FIELD_INPUT = {
  firstname: "gs-firstname", lastname: "gs-lastname", address: "gs-address", city: "gs-city", state: "gs-state",
  zip: "gs-zip", taxpayerID: "gs-ssn", birthMonth: "gs-dob", birthDay: "gs-dob", birthYear: "gs-dob", birthDate: "gs-dob",
};
const FIELD_MESSAGE = {
  firstname: "Enter your first name.", lastname: "Enter your last name.", address: "Enter your street address.",
  city: "Enter your city.", state: "Enter a two-letter state code, like GA.", zip: "Enter a 5-digit ZIP code (or ZIP+4).",
  taxpayerID: "Enter a valid Social Security number, like 123-45-6789.", "gs-dob": "Enter a real date of birth, not in the future.",
};

const goldstar = {
  form: $("#goldstar-form"),
  quiz: $("#goldstar-quiz"),
  result: $("#goldstar-result"),
  session: null, // { id, questions }

  prefill() {
    const ssn = $("#gs-scenario").value;
    for (const [k, v] of Object.entries(PERSON)) this.form.elements[k].value = v;
    this.form.elements.taxpayerID.value = ssn;
    this.clearErrors();
    // A new person starts over.
    this.hideQuiz();
    this.result.replaceChildren();
  },

  clearErrors() {
    for (const el of this.form.querySelectorAll(".field-error")) {
      el.hidden = true;
      el.textContent = "";
    }
    for (const el of this.form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  },

  fieldError(field) {
    const inputId = FIELD_INPUT[field];
    if (!inputId) return false;
    const input = document.getElementById(inputId);
    const slot = document.getElementById(`${inputId}-error`);
    input.setAttribute("aria-invalid", "true");
    slot.textContent = FIELD_MESSAGE[field] ?? FIELD_MESSAGE[inputId] ?? "Check this field.";
    slot.hidden = false;
    input.focus();
    return true;
  },

  busy(text) {
    this.result.replaceChildren(h("p", { class: "busy", role: "status" }, text));
  },

  async verify(event) {
    event.preventDefault();
    this.clearErrors();
    this.hideQuiz();
    const f = this.form.elements;
    const [year, month, day] = (f.dob.value || "").split("-");
    const person = {
      firstname: f.firstname.value, lastname: f.lastname.value, address: f.address.value, city: f.city.value,
      state: f.state.value, zip: f.zip.value, taxpayerID: f.taxpayerID.value,
      birthMonth: month ?? "", birthDay: day ?? "", birthYear: year ?? "",
    };
    this.busy("Your edge function is verifying you with Goldstar…");
    const res = await post("/api/goldstar/verify", { person, session: SESSION });
    showWire("#goldstar-wire", "POST /api/goldstar/verify", res.data);
    if (!res.ok) return this.error(res.data);
    this.outcome(res.data, false);
  },

  async answer(event) {
    event.preventDefault();
    const { id, questions } = this.session ?? {};
    if (!id) return;
    const answers = [];
    let missing = null;
    for (const [i, q] of questions.entries()) {
      const picked = this.quiz.querySelector(`input[name="q${i}"]:checked`);
      if (!picked) missing ??= i;
      else answers.push({ type: q.type, text: picked.value });
    }
    const note = $("#goldstar-quiz-missing");
    if (missing !== null) {
      note.hidden = false;
      this.quiz.querySelector(`input[name="q${missing}"]`).focus();
      return;
    }
    note.hidden = true;
    this.busy("Your edge function is sending your answers…");
    const res = await post("/api/goldstar/answers", { id, answers, session: SESSION });
    showWire("#goldstar-wire", "POST /api/goldstar/answers", res.data);
    this.hideQuiz();
    if (!res.ok) return this.error(res.data);
    this.outcome(res.data, true);
  },

  hideQuiz() {
    this.quiz.hidden = true;
    this.session = null;
  },

  qualifierList(qualifiers) {
    return h("ul", { class: "qualifiers" },
      qualifiers.map((q) =>
        h("li", { "data-key": q.key, "data-severity": q.severity },
          h("span", { class: `severity severity--${q.severity}` }, SEVERITY[q.severity] ?? q.severity),
          h("span", { class: "meaning" }, q.meaning ?? q.key),
          h("code", { class: "key" }, q.key),
        ),
      ),
    );
  },

  outcome(o, afterQuiz) {
    if (o.status === "questions") return this.showQuiz(o);
    const passed = o.status === "passed";
    const title = passed ? "Verified" : "Not verified";
    const text = passed
      ? afterQuiz ? `Your answers confirmed it (${o.message}).` : "Goldstar verified this person."
      : afterQuiz ? `Too many answers did not match (${o.message}).` : "Goldstar could not verify this person.";
    this.result.replaceChildren(
      h("div", { class: `outcome outcome--${passed ? "approve" : "decline"}`, "data-state": o.status },
        h("h3", { "data-focus": true, tabindex: "-1" }, h("span", { class: "badge" }, title)),
        h("p", {}, text),
        h("p", { class: "id-line" }, passed ? "Id to pass on: " : "Transaction Id: ", h("code", { class: "gs-id" }, o.id)),
        o.qualifiers.length > 0 && [h("h4", {}, passed ? "Signals" : "Why"), this.qualifierList(o.qualifiers)],
        h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: () => this.again() }, "Verify someone else")),
      ),
    );
    focusHeading(this.result);
  },

  showQuiz(o) {
    this.session = { id: o.id, questions: o.questions };
    this.result.replaceChildren(
      h("div", { class: "outcome outcome--pending", "data-state": "questions" },
        h("p", {}, h("span", { class: "badge" }, "Questions"), " Goldstar needs a little more to confirm it is you."),
        o.qualifiers.length > 0 && this.qualifierList(o.qualifiers),
      ),
    );
    $("#goldstar-questions").replaceChildren(
      ...o.questions.map((q, i) =>
        h("fieldset", { class: "choices question", "data-type": q.type },
          h("legend", {}, `${i + 1}. ${q.prompt}`),
          q.choices.map((c) => h("label", {}, h("input", { type: "radio", name: `q${i}`, value: c }), ` ${c}`)),
        ),
      ),
      h("p", { class: "field-error", id: "goldstar-quiz-missing", role: "alert", hidden: true }, "Answer every question (or pick “Skip Question”)."),
    );
    const hint = $("#goldstar-sandbox-answers");
    hint.hidden = config.goldstar !== "sandbox";
    hint.open = false;
    $("#goldstar-answer-list").textContent = o.questions.map((q) => SANDBOX_ANSWERS[q.type]).filter(Boolean).join(" · ");
    this.quiz.hidden = false;
    $("#goldstar-quiz-title").focus({ preventScroll: true });
    this.result.scrollIntoView({ block: "start" });
  },

  again() {
    this.hideQuiz();
    this.result.replaceChildren();
    $("#gs-scenario").focus();
  },

  error(data) {
    const e = data.error ?? {};
    if (e.code === "INVALID_ARGUMENT" && e.field && this.fieldError(e.field)) {
      this.result.replaceChildren(h("p", { class: "field-error", role: "alert", "data-state": "invalid" }, "Please correct the highlighted field."));
      return;
    }
    this.result.replaceChildren(
      h("div", { class: "outcome outcome--error", "data-state": "error", "data-code": e.code },
        h("h3", { "data-focus": true, tabindex: "-1" }, h("span", { class: "badge" }, "Error"), " Verification did not go through"),
        h("p", {}, e.message ?? "Something went wrong."),
        h("p", { class: "hint" }, h("code", {}, e.code ?? "UNKNOWN")),
        h("div", { class: "actions" }, h("button", { type: "button", class: "secondary", onclick: () => this.again() }, "Start again")),
      ),
    );
    focusHeading(this.result);
  },
};

// --- Wiring --------------------------------------------------------------------

/** A form's submit handler, one at a time: a second submit while the first
 * is in flight (a double click, Enter pressed twice) is dropped, so no
 * billable verification goes out twice by accident. */
function oneAtATime(form, handler) {
  let running = false;
  const buttons = form.querySelectorAll('button[type="submit"]');
  return async (event) => {
    event.preventDefault();
    if (running) return;
    running = true;
    for (const b of buttons) b.disabled = true;
    try {
      await handler(event);
    } finally {
      running = false;
      for (const b of buttons) b.disabled = false;
    }
  };
}

async function main() {
  try {
    const res = await fetch("/demo/config");
    if (res.ok) config = await res.json();
  } catch {}
  const label = { sandbox: "Sandbox", live: "live API" };
  for (const el of document.querySelectorAll("[data-config]")) {
    const v = config[el.dataset.config];
    el.textContent = el.dataset.config === "runtime" ? (v === "workerd" ? "workerd (Cloudflare)" : "Node") : label[v] ?? v;
  }
  if (config.caisson === "live") {
    $("#caisson-form").hidden = true;
    $("#caisson-live").hidden = false;
  }
  const wire = (form, handler) => form.addEventListener("submit", oneAtATime(form, handler));
  wire($("#caisson-form"), (e) => caisson.start(e));
  wire($("#caisson-live"), (e) => caisson.startLive(e));
  $("#gs-scenario").addEventListener("change", () => goldstar.prefill());
  wire(goldstar.form, (e) => goldstar.verify(e));
  wire(goldstar.quiz, (e) => goldstar.answer(e));
  goldstar.prefill();
  // The submit buttons start disabled (and the forms as POST): until the
  // handlers above are in place, Enter must not submit the form natively,
  // which would put the SSN and birth date in a URL.
  for (const b of document.querySelectorAll('form button[type="submit"]')) b.disabled = false;
  document.body.dataset.ready = "true";
}

main();
