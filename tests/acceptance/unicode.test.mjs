// ASCII-only rules (API.md: token / check-id characters, Goldstar's version
// `v` + digits, USPS state codes, ZIP and SSN digits, loopback ports): lookalike
// non-ASCII digits and letters (fullwidth, Arabic-Indic, superscript, dotless i,
// long s, Kelvin sign) must never pass. Written from API.md and the docs alone,
// without reading the source: a second reading of the contract beside
// tests/js/. Keys and SSNs are fake test values.
import { test } from "node:test";
import { CaissonClient, GoldstarClient, CK, GK, DOMAIN, person, throwsSync } from "./h.mjs";
const g = new GoldstarClient({ apiKey: GK, domain: DOMAIN });
const c = new CaissonClient({ apiKey: CK });
test("non-ASCII digits / letters never pass ASCII-only rules", () => {
  for (const v of ["v١", "v１"]) throwsSync(() => new GoldstarClient({ apiKey: GK, domain: DOMAIN, version: v }), { code: "INVALID_ARGUMENT" });
  for (const s of ["５５５-01-0001", "٥٥٥٠١٠٠٠١"]) throwsSync(() => g.verifyIdentityRequest(person({ taxpayerID: s })), { code: "INVALID_ARGUMENT" });
  for (const z of ["٣٠٣٠١", "3030¹"]) throwsSync(() => g.verifyIdentityRequest(person({ zip: z })), { code: "INVALID_ARGUMENT" });
  for (const s of ["ＧＡ", "ıa", "ſc", "\u212Ay"]) throwsSync(() => g.verifyIdentityRequest(person({ state: s })), { code: "INVALID_ARGUMENT" });
  for (const t of ["ａbc", "abc٣", "chk_xchg_ß"]) throwsSync(() => c.exchangeTokenRequest(t), { code: "INVALID_ARGUMENT" });
  throwsSync(() => c.getIdCheckRequest("chk_priv_ß"), { code: "INVALID_ARGUMENT" });
  throwsSync(() => new GoldstarClient({ apiKey: GK, domain: "localhost:٤٠١٠" }), { code: "INVALID_ARGUMENT" });
});
