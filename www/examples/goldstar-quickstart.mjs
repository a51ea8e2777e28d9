import { GoldstarClient, Sandbox, describeGoldstarQualifier, IdvError } from "idv-edge";

// Offline: the Sandbox plays Goldstar. In production, drop `fetch` and pass
// the key and domain Goldstar gave you, from the environment.
const sandbox = new Sandbox({ goldstarApiKey: "gs_sandbox_example" });
const goldstar = new GoldstarClient({
  apiKey: "gs_sandbox_example",
  domain: "qaservices.goldstartrust.com",
  fetch: sandbox.fetch,
});

// 555-01-0201 is the Sandbox's soft fail: four knowledge-based questions.
const person = {
  firstname: "Jamie", lastname: "Doe",
  address: "222333 Peachtree Place", city: "Atlanta", state: "ga", zip: "30318",
  taxpayerID: "555-01-0201", birthMonth: 6, birthDay: 30, birthYear: 1989,
};

let outcome = await goldstar.verifyIdentity(person); // never retried: each call may be billed
for (const q of outcome.qualifiers) {
  console.log(`qualifier ${q.key}: ${q.severity} (${q.category})`);
}

if (outcome.status === "questions") {
  // Show outcome.questions to the person; here we answer with the Sandbox's
  // documented answers (quiz A).
  const correct = {
    "residence.type": "Single Family Residence",
    "person.not.known": "LUIS PEREIRA",
    "city.of.residence": "THORNTON",
    "prior.residence.state.multiyear": "KENTUCKY",
  };
  const answers = outcome.questions.map((q) => ({ type: q.type, text: correct[q.type] ?? "None of the above" }));
  try {
    // Passing the questions checks every answer against its choices before sending.
    outcome = await goldstar.verifyAnswers(outcome.id, answers, outcome.questions);
  } catch (e) {
    if (e instanceof IdvError && e.code === "INVALID_ARGUMENT") console.log(`fix ${e.field}`);
    throw e;
  }
}

console.log(`status: ${outcome.status}, pass on Id ${outcome.id}`);
console.log(describeGoldstarQualifier("resultcode.subject.deceased").severity);
