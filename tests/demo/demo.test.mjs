// The demo in a real browser: starts `node www/demo-server.mjs` (the page,
// the edge function in workerd, the Sandbox upstream), drives Debian's
// Chromium through playwright-core, clicks through every scenario of both
// flows at desktop and phone widths, and checks what the page shows and what
// it receives. Screenshots go to www/screenshots/ (git-ignored).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CaissonClient, GoldstarClient, describeCaissonReason, describeGoldstarQualifier } from "../../pkg/node.js";
import { SANDBOX_SECRETS } from "../../www/demo-server.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHOTS = `${ROOT}www/screenshots`;
const CHROME_FLAGS = JSON.parse(readFileSync(`${ROOT}webdriver.json`, "utf8"))["goog:chromeOptions"].args.filter(
  (a) => !a.startsWith("--headless"),
);
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const NO_ACTION = { review: "Nothing for the person to do about this one", decline: "Nothing the person can fix by trying again" };

// --- the demo server and the browser ------------------------------------------

/** Starts the demo as `make demo` does; resolves when it prints its URL. */
function startDemo(args = [], extraEnv = {}) {
  const env = { ...process.env, ...extraEnv };
  for (const k of ["CAISSON_SECRET_API_KEY", "CAISSON_BASE_URL", "GOLDSTAR_API_KEY", "GOLDSTAR_DOMAIN", "PORT"]) {
    if (!(k in extraEnv)) delete env[k];
  }
  const child = spawn(process.execPath, [`${ROOT}www/demo-server.mjs`, "--port", "0", ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (c) => (err += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo did not start in 60 s:\n${out}\n${err}`)), 60_000);
    child.on("exit", (code) => reject(new Error(`demo exited (${code}):\n${out}\n${err}`)));
    child.stdout.on("data", (c) => {
      out += c;
      const url = out.match(/idv-edge demo: (http:\/\/\S+)/)?.[1];
      if (url && out.includes("Ctrl+C to stop")) {
        clearTimeout(timer);
        resolve({
          url,
          output: () => out,
          stop: () =>
            new Promise((r) => {
              child.removeAllListeners("exit");
              child.on("exit", r);
              child.kill("SIGTERM");
            }),
        });
      }
    });
  });
}

let browser;
let demo;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [browser, demo] = await Promise.all([
    chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROME_FLAGS }),
    startDemo(),
  ]);
});
after(async () => {
  await browser?.close();
  await demo?.stop();
});

/** A fresh page at a width; records every JSON body the page receives. */
async function open(url, viewport, { isMobile = false } = {}) {
  const context = await browser.newContext({ viewport, isMobile, hasTouch: isMobile, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const received = [];
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  // The error scenarios answer 4xx/5xx on purpose; Chromium logs those as "Failed to load resource".
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && pageErrors.push(m.text()));
  page.on("response", async (r) => {
    if (!(r.headers()["content-type"] ?? "").includes("json")) return;
    try {
      received.push({ url: r.url(), body: await r.text() });
    } catch {}
  });
  await page.goto(url);
  await page.waitForSelector("body[data-ready]");
  return { page, context, received, pageErrors };
}

// Desktop: the whole page. Phone: the screen the person sees (focus has
// scrolled the outcome into view).
async function shot(page, name) {
  const phone = page.viewportSize().width < 600;
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: !phone });
}

async function noHorizontalScroll(page, width) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `page is ${scrollWidth} px wide at ${width} px`);
}

// --- Caisson --------------------------------------------------------------------

const CAISSON = {
  clean_pass: { decision: "approve", badge: "Approved", codes: [] },
  blurry_selfie: { decision: "review", badge: "Needs review", codes: [201] },
  face_not_found: { decision: "decline", badge: "Declined", codes: [202] },
  expired_licence: { decision: "decline", badge: "Declined", codes: [308], rule: /expired/ },
  name_mismatch: { decision: "review", badge: "Needs review", codes: [101] },
};

async function startCaisson(page, preset) {
  await page.check(`#caisson-form input[value="${preset}"]`);
  await page.click('#caisson-form button[type="submit"]');
}

async function checkCaissonResult(page, preset) {
  const want = CAISSON[preset];
  const box = page.locator("#caisson-result .outcome[data-state=done]");
  await box.waitFor();
  assert.equal(await box.getAttribute("data-decision"), want.decision, preset);
  const heading = (await box.locator("h3").textContent()).replace(/\s+/g, " ");
  assert.ok(heading.includes(want.badge), `${preset}: ${heading}`);
  assert.ok(heading.includes("JAMIE DOE"), `${preset}: the person's name`);
  const codes = await box.locator(".reasons li").evaluateAll((els) => els.map((e) => Number(e.dataset.code)));
  assert.deepEqual(codes, want.codes, preset);
  for (const code of want.codes) {
    const info = describeCaissonReason(code);
    const text = await box.locator(`.reasons li[data-code="${code}"]`).textContent();
    assert.ok(text.includes(info.userAction ?? NO_ACTION[want.decision]), `${preset}: reason ${code} shows its userAction`);
    assert.ok(text.includes(info.category.replace("_", " ")), `${preset}: reason ${code} shows its category`);
  }
  if (want.rule) {
    const findings = await box.locator(".findings").textContent();
    assert.match(findings, want.rule, `${preset}: the finding`);
  }
  // Focus moves to the outcome, for keyboard and screen-reader users.
  assert.equal(await page.evaluate(() => document.activeElement?.closest(".outcome") !== null), true);
}

async function walkCaisson(page, prefix) {
  for (const preset of Object.keys(CAISSON)) {
    await startCaisson(page, preset);
    await checkCaissonResult(page, preset);
    await shot(page, `${prefix}-caisson-${preset}`);
    await page.click("#caisson-result .actions button");
    await page.locator("#caisson-result").locator(".outcome").waitFor({ state: "detached" });
  }

  // Still pending: a "try again shortly" state that polls, then the result.
  await startCaisson(page, "pending_then_pass");
  const pending = page.locator("#caisson-result .outcome[data-state=pending]");
  await pending.waitFor();
  assert.match(await pending.textContent(), /Still processing/);
  assert.match(await pending.textContent(), /Trying again shortly/);
  await shot(page, `${prefix}-caisson-pending`);
  await page.waitForSelector("#caisson-result [data-attempts='2']", { timeout: 10_000 }); // it polled by itself
  await page.click("#caisson-result button[data-action=skip]");
  await page.locator("#caisson-result .outcome[data-state=done][data-decision=approve]").waitFor();
  assert.match(await page.locator("#caisson-result h3").textContent(), /JAMIE DOE/);
  await shot(page, `${prefix}-caisson-pending-then-pass`);
  await page.click("#caisson-result .actions button");

  // Under review.
  await startCaisson(page, "under_review");
  const review = page.locator("#caisson-result .outcome[data-state=in_review]");
  await review.waitFor();
  assert.match(await review.textContent(), /Under review/);
  await shot(page, `${prefix}-caisson-under-review`);
  await review.getByRole("button", { name: "Check again" }).click();
  await page.locator("#caisson-result .outcome[data-state=in_review]").waitFor();
  await review.getByRole("button", { name: "Start a new check" }).click();
}

// --- Goldstar -------------------------------------------------------------------

const QUIZ_ANSWERS = {
  "residence.type": "Single Family Residence",
  "person.not.known": "LUIS PEREIRA",
  "city.of.residence": "THORNTON",
  "prior.residence.state.multiyear": "KENTUCKY",
  "time.at.current.address": "Over 5 years",
  "current.county.b": "COBB",
  "purchased.property.from": "JOE ANDERSON",
  "previous.address": "None of the above",
};
const GOLDSTAR = {
  "555-01-0001": { status: "passed", id: /^\d{10}$/, keys: [] },
  "555-01-0002": { status: "passed", id: /^\d{10}$/, keys: ["resultcode.address.does.not.match", "resultcode.street.number.does.not.match"] },
  "555-01-0003": { status: "passed", id: /^9007199254\d{10}$/, keys: [] },
  "555-01-0101": { status: "failed", id: /^\d{10}$/, keys: ["resultcode.ssn.does.not.match"] },
  "555-01-0102": { status: "failed", id: /^\d{10}$/, keys: ["resultcode.subject.deceased"] },
  "555-01-0103": { status: "failed", id: /^\d{10}$/, keys: ["resultcode.ssn.issued.prior.to.dob"] },
  "555-01-0104": { status: "failed", id: /^\d{10}$/, keys: ["resultcode.coppa.alert", "result.match.restricted"] },
  "555-01-0105": { status: "failed", id: /^\d{10}$/, keys: ["resultcode.multiple.records.found"] },
  "555-01-0106": { status: "failed", id: /^\d{10}$/, keys: ["result.no.match"] },
  // Quizzes: how many answers to get wrong, and what follows.
  "555-01-0201": { quiz: "A", wrong: 0, status: "passed", message: "All Answers Correct", keys: ["resultcode.yob.does.not.match"] },
  "555-01-0202": { quiz: "B", wrong: 2, status: "failed", message: "Two Incorrect Answers", keys: ["resultcode.address.does.not.match"] },
  "555-01-0203": { quiz: "A", wrong: 1, status: "passed", message: "One Incorrect Answer", keys: ["resultcode.yob.does.not.match"] },
  "555-01-0901": { error: "BAD_REQUEST" },
  "555-01-0902": { error: "SERVER_ERROR" },
};

async function checkQualifiers(scope, keys, label) {
  const shown = await scope.locator(".qualifiers li").evaluateAll((els) => els.map((e) => [e.dataset.key, e.dataset.severity, e.textContent]));
  assert.deepEqual(shown.map(([k]) => k), keys, `${label}: qualifiers`);
  for (const [key, severity, text] of shown) {
    const info = describeGoldstarQualifier(key);
    assert.equal(severity, info.severity, `${label}: ${key} severity`);
    assert.ok(text.includes(info.meaning), `${label}: ${key} meaning`);
  }
}

async function walkGoldstar(page, prefix) {
  for (const [ssn, want] of Object.entries(GOLDSTAR)) {
    await page.selectOption("#gs-scenario", ssn);
    assert.equal(await page.inputValue("#gs-ssn"), ssn, "the form is prefilled per scenario");
    assert.equal(await page.inputValue("#gs-firstname"), "Jamie");
    await page.click('#goldstar-form button[type="submit"]');
    const outcome = page.locator("#goldstar-result .outcome");
    await outcome.waitFor();
    const name = `${prefix}-goldstar-${ssn}`;

    if (want.error) {
      assert.equal(await outcome.getAttribute("data-code"), want.error, ssn);
      await shot(page, name);
      await outcome.getByRole("button", { name: "Start again" }).click();
      continue;
    }
    if (want.quiz) {
      assert.equal(await outcome.getAttribute("data-state"), "questions", ssn);
      await checkQualifiers(outcome, want.keys, ssn);
      const quiz = page.locator("#goldstar-quiz");
      await quiz.waitFor();
      const questions = quiz.locator("fieldset.question");
      assert.equal(await questions.count(), 4, `${ssn}: four questions`);
      // Sandbox hint lists the documented answers.
      assert.ok(await quiz.locator("#goldstar-sandbox-answers").isVisible());
      await shot(page, `${name}-questions`);
      for (let i = 0; i < 4; i++) {
        const q = questions.nth(i);
        const type = await q.getAttribute("data-type");
        assert.ok(QUIZ_ANSWERS[type], `${ssn}: question type ${type} is one of quiz ${want.quiz}`);
        const legend = await q.locator("legend").textContent();
        assert.ok(legend.length > 10, "each question has its prompt as the group's legend");
        const text = i < want.wrong ? "Skip Question" : QUIZ_ANSWERS[type];
        await q.getByLabel(text, { exact: true }).check();
      }
      await page.click('#goldstar-quiz button[type="submit"]');
      const final = page.locator(`#goldstar-result .outcome[data-state=${want.status}]`);
      await final.waitFor();
      assert.ok((await final.textContent()).includes(want.message), `${ssn}: ${want.message}`);
      assert.match(await final.locator(".gs-id").textContent(), /^\d{10}$/, `${ssn}: a new Id to pass on`);
      assert.ok(await quiz.isHidden());
      await shot(page, `${name}-answered`);
      await final.getByRole("button", { name: "Verify someone else" }).click();
      continue;
    }
    assert.equal(await outcome.getAttribute("data-state"), want.status, ssn);
    const text = await outcome.textContent();
    assert.ok(text.includes(want.status === "passed" ? "Verified" : "Not verified"), ssn);
    assert.ok(text.includes(want.status === "passed" ? "Id to pass on" : "Transaction Id"), ssn);
    assert.match(await outcome.locator(".gs-id").textContent(), want.id, `${ssn}: the Id, every digit`);
    await checkQualifiers(outcome, want.keys, ssn);
    await shot(page, name);
    await outcome.getByRole("button", { name: "Verify someone else" }).click();
  }

  // A field the library refuses is shown on that field, not as a value echo.
  await page.selectOption("#gs-scenario", "555-01-0001");
  await page.fill("#gs-zip", "3031");
  await page.click('#goldstar-form button[type="submit"]');
  await page.locator("#gs-zip[aria-invalid=true]").waitFor();
  assert.match(await page.locator("#gs-zip-error").textContent(), /ZIP/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), "gs-zip");
  await shot(page, `${prefix}-goldstar-invalid-zip`);
  await page.selectOption("#gs-scenario", "555-01-0001"); // prefill again clears the error
  assert.equal(await page.locator("#gs-zip[aria-invalid]").count(), 0);
}

// --- what reaches the page --------------------------------------------------------

const SSN_FORMS = Object.keys(GOLDSTAR).flatMap((s) => [s, s.replaceAll("-", "")]);
// Fields of the full Caisson result and of the raw Goldstar envelope: none may arrive.
const FORBIDDEN_KEYS = new Set(["check_id", "customer_id", "checked_on", "confidence", "info", "first_name", "last_name", "dob",
  "sex", "address", "expires_on", "description", "taxpayerID", "Id", "Key", "Qualifiers", "Questions", "Summary", "apiKey"]);
const FORBIDDEN_TEXT = ["chk_priv_", "1989-06-30", "Caisson sk_", "X-ApiKey"];

function keysOf(value, out = []) {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) out.push(k), keysOf(v, out);
  return out;
}

function assertNothingSensitive(received) {
  assert.ok(received.length > 10, `the page received ${received.length} JSON bodies`);
  for (const { url, body } of received) {
    for (const secret of Object.values(SANDBOX_SECRETS)) assert.ok(!body.includes(secret), `${url}: a key reached the page`);
    for (const ssn of SSN_FORMS) assert.ok(!body.includes(ssn), `${url}: an SSN reached the page`);
    for (const text of FORBIDDEN_TEXT) assert.ok(!body.includes(text), `${url}: "${text}" reached the page`);
    for (const key of keysOf(JSON.parse(body))) assert.ok(!FORBIDDEN_KEYS.has(key), `${url}: the field "${key}" reached the page`);
  }
}

// --- the tests ----------------------------------------------------------------------

test("make demo prints its URL, what runs where, and how to stop", () => {
  const out = demo.output();
  assert.match(out, /idv-edge demo: http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(out, /edge function: workerd/);
  assert.match(out, /Caisson: the Sandbox; Goldstar: the Sandbox/);
  assert.match(out, /Ctrl\+C to stop/);
});

test("desktop: every Caisson scenario, every Goldstar scenario; nothing sensitive reaches the page", async () => {
  const { page, context, received, pageErrors } = await open(demo.url, DESKTOP);
  assert.equal(await page.title(), "idv-edge demo: Caisson and Goldstar through your edge function");
  assert.match(await page.locator(".modes").textContent(), /workerd[\s\S]*Sandbox[\s\S]*Sandbox/);
  await shot(page, "desktop-start");
  await walkCaisson(page, "desktop");
  await walkGoldstar(page, "desktop");
  // The wire panels show exactly what came back, and it is only that.
  await page.selectOption("#gs-scenario", "555-01-0002");
  await page.click('#goldstar-form button[type="submit"]');
  await page.locator("#goldstar-result .outcome[data-state=passed]").waitFor();
  await startCaisson(page, "expired_licence");
  await checkCaissonResult(page, "expired_licence");
  await page.click("#caisson .wire summary");
  await page.click("#goldstar .wire summary");
  const caissonWire = await page.locator("#caisson-wire").textContent();
  assert.match(caissonWire, /^POST \/api\/caisson\/verify/);
  assert.deepEqual(Object.keys(JSON.parse(caissonWire.slice(caissonWire.indexOf("{")))).sort(), ["decision", "findings", "name", "reasons", "state"]);
  const goldstarWire = await page.locator("#goldstar-wire").textContent();
  assert.deepEqual(Object.keys(JSON.parse(goldstarWire.slice(goldstarWire.indexOf("{")))).sort(), ["id", "message", "qualifiers", "questions", "status"]);
  await shot(page, "desktop-wire");
  assertNothingSensitive(received);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("phone (390 px): both flows fit, every scenario works", async () => {
  const { page, context, received, pageErrors } = await open(demo.url, PHONE, { isMobile: true });
  await shot(page, "phone-start");
  await noHorizontalScroll(page, PHONE.width);
  await walkCaisson(page, "phone");
  await walkGoldstar(page, "phone");
  await noHorizontalScroll(page, PHONE.width);
  assertNothingSensitive(received);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test("labelled controls, grouped radios, one h1, visible focus", async () => {
  const { page, context } = await open(demo.url, DESKTOP);
  // Show the quiz too, so its controls are checked.
  await page.selectOption("#gs-scenario", "555-01-0201");
  await page.click('#goldstar-form button[type="submit"]');
  await page.locator("#goldstar-quiz fieldset.question").first().waitFor();
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => !el.closest("[hidden]"))
      .filter((el) => {
        const name = el.getAttribute("aria-label") || el.getAttribute("aria-labelledby") || [...(el.labels ?? [])].map((l) => l.textContent).join("");
        return !(name.trim() || (el.tagName === "BUTTON" && el.textContent.trim()));
      })
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, []);
  const looseRadios = await page.evaluate(() =>
    [...document.querySelectorAll('input[type="radio"]')].filter((r) => !r.closest("fieldset")?.querySelector(":scope > legend")).length,
  );
  assert.equal(looseRadios, 0, "every radio group is a fieldset with a legend");
  assert.equal(await page.locator("h1").count(), 1);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.keyboard.press("Tab"); // the skip link
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return [document.activeElement.tagName, s.outlineStyle, s.outlineWidth];
  });
  assert.notEqual(outline[1], "none", `focus is visible on ${outline[0]}`);
  await context.close();
});

test("keyboard only: a Caisson check and the Goldstar questions, without a mouse", async () => {
  const { page, context } = await open(demo.url, DESKTOP);
  const active = () => page.evaluate(() => {
    const el = document.activeElement;
    return { id: el.id, name: el.getAttribute("name"), value: el.value, type: el.type, text: el.textContent.trim().slice(0, 40), form: el.form?.id };
  });
  async function tabTo(match, what) {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      if (match(await active())) return;
    }
    assert.fail(`Tab never reached ${what}`);
  }

  // Caisson: the scenario radios (arrow keys), then the button (Enter).
  await tabTo((a) => a.name === "preset", "the Caisson scenarios");
  await page.keyboard.press("ArrowDown"); // blurry selfie
  assert.equal((await active()).value, "blurry_selfie");
  await tabTo((a) => a.form === "caisson-form" && a.type === "submit", "the Caisson button");
  await page.keyboard.press("Enter");
  await checkCaissonResult(page, "blurry_selfie"); // focus is on the outcome
  await page.keyboard.press("Tab");
  assert.equal((await active()).text, "Why this decision (assessIdCheck)");
  await page.keyboard.press("Tab");
  assert.equal((await active()).text, "Try again");
  await page.keyboard.press("Enter");
  assert.equal((await active()).name, "preset", "Try again returns to the scenarios");

  // Goldstar: pick quiz A from the select with the keyboard, submit, answer.
  await tabTo((a) => a.id === "gs-scenario", "the Goldstar scenario select");
  for (let i = 0; i < 20 && (await active()).value !== "555-01-0201"; i++) await page.keyboard.press("ArrowDown");
  assert.equal(await page.inputValue("#gs-ssn"), "555-01-0201");
  await tabTo((a) => a.form === "goldstar-form" && a.type === "submit", "Verify my identity");
  await page.keyboard.press("Enter");
  await page.locator("#goldstar-quiz fieldset.question").first().waitFor();
  assert.equal((await active()).id, "goldstar-quiz-title", "focus moves to the questions");
  const questions = await page.locator("#goldstar-quiz fieldset.question").evaluateAll((els) =>
    els.map((f) => ({ type: f.dataset.type, choices: [...f.querySelectorAll("input")].map((i) => i.value) })),
  );
  for (const [i, q] of questions.entries()) {
    await tabTo((a) => a.name === `q${i}`, `question ${i + 1}`);
    const target = q.choices.indexOf(QUIZ_ANSWERS[q.type]);
    if (target === 0) await page.keyboard.press("Space");
    else for (let k = 0; k < target; k++) await page.keyboard.press("ArrowDown");
    assert.equal((await active()).value, QUIZ_ANSWERS[q.type]);
  }
  await tabTo((a) => a.form === "goldstar-quiz" && a.type === "submit", "Send my answers");
  await page.keyboard.press("Enter");
  const final = page.locator("#goldstar-result .outcome[data-state=passed]");
  await final.waitFor();
  assert.match(await final.textContent(), /All Answers Correct/);
  assert.equal(await page.evaluate(() => document.activeElement.closest(".outcome") !== null), true);
  await shot(page, "desktop-keyboard-goldstar-passed");
  await context.close();
});

test("the edge function also runs in Node (--runtime node); skipping the Sandbox clock is bounded", async () => {
  const node = await startDemo(["--runtime", "node"]);
  try {
    assert.match(node.output(), /edge function: Node/);
    const { page, context, received } = await open(node.url, DESKTOP);
    assert.match(await page.locator(".modes").textContent(), /Node/);
    await startCaisson(page, "face_not_found");
    await checkCaissonResult(page, "face_not_found");
    await page.selectOption("#gs-scenario", "555-01-0102");
    await page.click('#goldstar-form button[type="submit"]');
    const outcome = page.locator("#goldstar-result .outcome[data-state=failed]");
    await outcome.waitFor();
    await checkQualifiers(outcome, GOLDSTAR["555-01-0102"].keys, "node runtime");
    for (const { body } of received) for (const s of Object.values(SANDBOX_SECRETS)) assert.ok(!body.includes(s));

    // Skipping moves the Sandbox's clock ahead of the edge's; past 4 minutes
    // ahead the page is told to wait instead (freshness allows 5 minutes of skew).
    const skips = await page.evaluate(async () => {
      const out = [];
      for (let i = 0; i < 5; i++) {
        const r = await fetch("/sandbox/clock", { method: "POST", headers: { "content-type": "application/json" }, body: '{"advanceMs":60000}' });
        out.push(r.status);
      }
      return out;
    });
    assert.deepEqual(skips, [200, 200, 200, 200, 409]);
    await startCaisson(page, "pending_then_pass");
    await page.click("#caisson-result button[data-action=skip]");
    await page.locator("#caisson-result .outcome[data-state=pending] [role=status]").waitFor();
    assert.match(await page.locator("#caisson-result").textContent(), /already far ahead/);
    assert.equal(await page.locator("#caisson-result button[data-action=skip]").count(), 0);
    await page.getByRole("button", { name: "Stop checking" }).click();
    await context.close();
  } finally {
    await node.stop();
  }
});

test("with a real Caisson key the button stand-in is off, and the page says so", async () => {
  // The key is never used here: nothing is verified, so nothing leaves localhost.
  const live = await startDemo([], { CAISSON_SECRET_API_KEY: "sk_test_not_a_real_key_0000" });
  try {
    assert.match(live.output(), /Caisson: the real API; Goldstar: the Sandbox/);
    const { page, context, received } = await open(live.url, PHONE, { isMobile: true });
    assert.ok(await page.locator("#caisson-form").isHidden());
    assert.ok(await page.locator("#caisson-live").isVisible());
    assert.match(await page.locator("#caisson-live").textContent(), /Caisson is live/);
    assert.match(await page.locator("#caisson-live").textContent(), /real tokens come from Caisson's JS button/);
    assert.match(await page.locator(".modes").textContent(), /Caisson: live API/);
    await shot(page, "phone-caisson-live");
    const refused = await page.evaluate(async () => {
      const r = await fetch("/sandbox/caisson/button", { method: "POST", headers: { "content-type": "application/json" }, body: '{"preset":"clean_pass"}' });
      return [r.status, await r.text()];
    });
    assert.equal(refused[0], 409);
    assert.ok(!refused[1].includes("sk_test_not_a_real_key_0000"));
    for (const { body } of received) assert.ok(!body.includes("sk_test_not_a_real_key_0000"));
    await context.close();
  } finally {
    await live.stop();
  }
});

/** A raw HTTP request to the demo (fetch does not let a caller set Host). */
function raw(url, { method = "POST", path = "/", headers = {}, body = "" } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, method, path, headers: { "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

test("the demo server answers what it is sent with a 4xx where the sender is at fault, and only to its own address", async () => {
  const host = new URL(demo.url).host;
  const json = { "content-type": "application/json" };
  const post = (path, body, headers = json) => raw(demo.url, { path, headers: { host, ...headers }, body });
  const code = (r) => JSON.parse(r.text).error?.code;
  // The button stand-in: a customer id the Sandbox refuses, bad JSON, not JSON.
  for (const customerId of ["a\u0000b", "x".repeat(3000)]) {
    const r = await post("/sandbox/caisson/button", JSON.stringify({ preset: "clean_pass", customerId }));
    assert.equal(r.status, 422, r.text);
    assert.equal(JSON.parse(r.text).error.field, "customerId");
    assert.ok(!r.text.includes("x".repeat(100)));
  }
  assert.equal((await post("/sandbox/caisson/button", "{not json")).status, 400);
  assert.equal((await post("/sandbox/caisson/button", "[]")).status, 400);
  // A form post from another site's page needs no preflight: refused by its type.
  const plain = await post("/sandbox/clock", '{"advanceMs":60000}', { "content-type": "text/plain" });
  assert.equal(plain.status, 415);
  // Another customer's check (a token from someone else's session): the
  // decision only, none of that person's data.
  const made = JSON.parse((await post("/sandbox/caisson/button", JSON.stringify({ preset: "name_mismatch", customerId: "victim_7" }))).text);
  const session = "demo-test-session-01234";
  const theirs = await post("/api/caisson/verify", JSON.stringify({ token: made.check_exchange_token, session }));
  assert.equal(theirs.status, 200, theirs.text);
  const r = JSON.parse(theirs.text);
  assert.deepEqual([r.state, r.decision, r.name, r.reasons], ["done", "decline", null, []]);
  assert.deepEqual(r.findings.map((f) => f.rule), ["customer_mismatch"], "none of the check's own findings");
  assert.ok(!/JAMIE|\bDOE\b/.test(theirs.text), theirs.text);
  // A token Caisson does not know is the page's to fix: 422, not a 502.
  // The token is the session's that first sent it: another gets 404, and none is a 422.
  const other = await post("/api/caisson/verify", JSON.stringify({ token: made.check_exchange_token, session: "another-session-0123456" }));
  assert.deepEqual([other.status, code(other)], [404, "NOT_FOUND"]);
  assert.ok(!/JAMIE|\bDOE\b/.test(other.text), other.text);
  assert.equal(JSON.parse((await post("/api/caisson/verify", JSON.stringify({ token: made.check_exchange_token }))).text).error.field, "session");
  const junk = await post("/api/caisson/verify", JSON.stringify({ token: "junk", session }));
  assert.deepEqual([junk.status, code(junk)], [422, "INVALID_INPUT"]);
  // Another name for this server (DNS rebinding) or a malformed Host: refused.
  for (const bad of ["evil.example", `evil.example:${new URL(demo.url).port}`, "a b", "[", "x:99999", `user@${host}`, "localhost:1"]) {
    const r = await raw(demo.url, { path: "/api/goldstar/verify", headers: { host: bad, ...json }, body: "{}" });
    assert.equal(r.status, 421, `Host ${bad}`);
  }
  const named = await raw(demo.url, { method: "GET", path: "/demo/config", headers: { host: `localhost:${new URL(demo.url).port}` } });
  assert.equal(named.status, 200);
});

test("the demo also serves the Sandbox over HTTP (API.md): the APIs' own paths, any key, a Sandbox of its own", async () => {
  const origin = demo.url.slice(0, -1);
  assert.match(demo.output(), new RegExp(`Sandbox over HTTP, any key: CaissonClient baseUrl ${origin}`));
  const created = await fetch(`${origin}/__sandbox/idcheck`, { method: "POST", body: JSON.stringify({ customerId: "u1", preset: "name_mismatch" }) });
  assert.equal(created.status, 201);
  const { check_exchange_token } = await created.json();
  const caisson = new CaissonClient({ apiKey: "any_key_at_all", baseUrl: origin });
  const { check_id } = await caisson.exchangeToken(check_exchange_token);
  const result = await caisson.getIdCheck(check_id, { fields: ["dob"] });
  assert.equal(result.customer_id, "u1");
  assert.equal(result.confidence.reasons[0].code, 101);
  const goldstar = new GoldstarClient({ apiKey: "any", domain: new URL(demo.url).host });
  assert.match(await goldstar.ping(), /^\d{4}-\d{2}-\d{2}T/);
  // Not the page's Sandbox, which takes the demo's own keys only: any key worked here.
  // Unknown paths are still the demo's plain 404.
  assert.equal((await fetch(`${origin}/v2/nothing`)).status, 404);
});

test("answers sent twice go to Goldstar once: the repeat gets the same outcome, and a double click shows the pass", async () => {
  const host = new URL(demo.url).host;
  const post = async (path, body) => {
    const r = await raw(demo.url, { path, headers: { host, "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: r.status, body: JSON.parse(r.text) };
  };
  const person = { firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318",
    taxpayerID: "555-01-0201", birthMonth: 1, birthDay: 2, birthYear: 1980 };
  const session = "test-session-0123456789";
  const asked = await post("/api/goldstar/verify", { person, session });
  assert.equal(asked.body.status, "questions");
  const answers = asked.body.questions.map((q) => ({ type: q.type, text: QUIZ_ANSWERS[q.type] }));
  // Another session cannot answer these questions, or read their outcome.
  const other = { id: asked.body.id, answers, session: "another-session-987654321" };
  assert.deepEqual([(await post("/api/goldstar/answers", other)).status], [404]);
  assert.equal((await post("/api/goldstar/answers", { id: asked.body.id, answers })).body.error.field, "session");
  const first = await post("/api/goldstar/answers", { id: asked.body.id, answers, session });
  const again = await post("/api/goldstar/answers", { id: asked.body.id, answers, session });
  assert.deepEqual([first.status, first.body.status], [200, "passed"]);
  assert.deepEqual(again, first);
  assert.equal((await post("/api/goldstar/answers", { ...other, answers: [] })).status, 404);

  // In the page: a double click on "Send my answers" sends them once.
  const { page, context } = await open(demo.url, DESKTOP);
  let sent = 0;
  page.on("request", (r) => r.url().endsWith("/api/goldstar/answers") && (sent += 1));
  await page.selectOption("#gs-scenario", "555-01-0201");
  await page.click('#goldstar-form button[type="submit"]');
  const questions = page.locator("#goldstar-quiz fieldset.question");
  await questions.first().waitFor();
  for (let i = 0; i < (await questions.count()); i++) {
    const q = questions.nth(i);
    await q.getByLabel(QUIZ_ANSWERS[await q.getAttribute("data-type")], { exact: true }).check();
  }
  await page.dblclick('#goldstar-quiz button[type="submit"]');
  await page.locator("#goldstar-result .outcome[data-state=passed]").waitFor();
  assert.equal(sent, 1);
  await context.close();
});

test("before the page's script has run, its forms cannot put a field in a URL", () => {
  const html = readFileSync(`${ROOT}www/page/index.html`, "utf8");
  const forms = html.match(/<form\b[^>]*>/g);
  assert.equal(forms.length, 4);
  for (const f of forms) assert.match(f, /method="post"/, f);
  const submits = html.match(/<button type="submit"[^>]*>/g);
  assert.equal(submits.length, 4);
  for (const b of submits) assert.match(b, /\bdisabled\b/, b);
});
