// Full flows through the in-process Sandbox (one isolate): with the idv-edge
// clients, and the same requests with bare fetch + JSON.parse (no validation)
// on the same kind of Sandbox. Used by bench/run.mjs.
const CKEY = "sk_test_bench";
const GKEY = "gs_test_bench";
const person = {
  firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA",
  zip: "30318", taxpayerID: "555-01-0201", birthMonth: 6, birthDay: 30, birthYear: 1989,
};
const QUIZ_A = {
  "residence.type": "Single Family Residence",
  "person.not.known": "LUIS PEREIRA",
  "city.of.residence": "THORNTON",
  "prior.residence.state.multiyear": "KENTUCKY",
};
const GS = "https://qaservices.goldstartrust.com/identification/api/v1";

export function flows(idv) {
  // A fresh Sandbox every 200 flows keeps its state (and so its cost) bounded alike for both.
  let sandbox;
  let count = 0;
  const sb = () => {
    if (count++ % 200 === 0) sandbox = new idv.Sandbox({ caissonApiKey: CKEY, goldstarApiKey: GKEY });
    return sandbox;
  };
  const clients = new WeakMap();
  const clientsOf = (s) => {
    let c = clients.get(s);
    if (!c) {
      c = {
        caisson: new idv.CaissonClient({ apiKey: CKEY, fetch: s.fetch }),
        goldstar: new idv.GoldstarClient({ apiKey: GKEY, domain: "qaservices.goldstartrust.com", fetch: s.fetch }),
      };
      clients.set(s, c);
    }
    return c;
  };
  const answers = (questions) => questions.map((q) => ({ type: q.type, text: QUIZ_A[q.type] ?? q.choices[0] }));

  return {
    async caissonIdv() {
      const s = sb();
      const { caisson } = clientsOf(s);
      const { check_exchange_token } = s.createIdCheck({ customerId: "user_1", preset: "blurry_selfie" });
      const { check_id } = await caisson.exchangeToken(check_exchange_token);
      const r = await caisson.getIdCheck(check_id, { fields: ["sex", "dob", "address", "expires_on"] });
      if (r.confidence.reasons.length === 0) throw new Error("unexpected");
    },
    async caissonBare() {
      const s = sb();
      const { check_exchange_token } = s.createIdCheck({ customerId: "user_1", preset: "blurry_selfie" });
      const x = await s.fetch(new Request("https://api.caisson.com/v1/idcheck/exchangetoken", {
        method: "POST",
        headers: { Authorization: `Caisson ${CKEY}`, "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ check_exchange_token }),
      }));
      const { check_id } = await x.json();
      const r = await s.fetch(new Request("https://api.caisson.com/v1/idcheck?fields=sex,dob,address,expires_on", {
        headers: { Authorization: `Caisson ${CKEY}`, "X-Caisson-CheckId": check_id, Accept: "application/json" },
      }));
      const result = await r.json();
      if (result.confidence.reasons.length === 0) throw new Error("unexpected");
    },
    async goldstarIdv() {
      const s = sb();
      const { goldstar } = clientsOf(s);
      const o = await goldstar.verifyIdentity(person);
      const done = await goldstar.verifyAnswers(o.id, answers(o.questions), o.questions);
      if (done.status !== "passed") throw new Error(`unexpected ${done.status}`);
    },
    async goldstarBare() {
      const s = sb();
      const headers = { "X-ApiKey": GKEY, "Content-Type": "application/json", Accept: "application/json" };
      const r = await s.fetch(new Request(`${GS}/ops/verify-identity`, { method: "POST", headers, body: JSON.stringify({ ...person, taxpayerID: "555010201" }) }));
      const o = await r.json();
      const qs = o.Questions.map((q) => ({ type: q.Type, choices: q.Choices.map((c) => c.Text) }));
      const body = { id: String(o.Id), answers: answers(qs) };
      const a = await s.fetch(new Request(`${GS}/ops/verify-answers`, { method: "POST", headers, body: JSON.stringify(body) }));
      const done = await a.json();
      if (String(done.Summary).toLowerCase() !== "pass") throw new Error("unexpected");
    },
  };
}
