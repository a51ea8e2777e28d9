import { CaissonClient, Sandbox, assessIdCheck, IdvError } from "idv-edge";

// Offline: the Sandbox plays Caisson. In production, drop `fetch` and pass
// your secret key from the environment (never ship it to a browser).
const sandbox = new Sandbox({ caissonApiKey: "sk_sandbox_example" });
const caisson = new CaissonClient({ apiKey: "sk_sandbox_example", fetch: sandbox.fetch });

// Caisson's browser button hands your page a token; the page posts it to your
// server. Here the Sandbox plays the button: a check with a blurry selfie.
const { check_exchange_token } = sandbox.createIdCheck({
  customerId: "user_42",
  face: "medium",
  reasons: [201],
});

try {
  // Exchange once; store the permanent check_id with the user's record.
  const { check_id } = await caisson.exchangeToken(check_exchange_token);

  // Fetch the result, with two optional fields.
  const result = await caisson.getIdCheck(check_id, { fields: ["dob", "expires_on"] });

  // Judge it: the customer must match and the result must be fresh.
  const { decision, findings } = assessIdCheck(result, {
    expectedCustomerId: "user_42",
    maxAgeSeconds: 20 * 60,
  });
  console.log(`${result.info.first_name}: ${decision}`);
  for (const f of findings) console.log(`  ${f.rule}: ${f.detail}`);
  for (const r of result.confidence.reasons ?? []) console.log(`  reason ${r.code} (${r.category}): ${r.userAction}`);
} catch (e) {
  if (e instanceof IdvError && e.code === "NOT_VERIFIED") {
    console.log("The person has not finished yet: ask again shortly.");
  } else {
    throw e;
  }
}
