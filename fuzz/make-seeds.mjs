// Writes fuzz/seeds/<target>/* from the API docs' and field notes' bodies
// (copied below as they appear, trailing commas included). Run by hand
// (`node fuzz/make-seeds.mjs`) when a body is added; the seeds are committed.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";

const root = new URL("./seeds/", import.meta.url).pathname;
const S = { 200: 0, 201: 3, 204: 5, 400: 8, 401: 9, 404: 11, 405: 12, 409: 14, 410: 15, 422: 16, 429: 17, 500: 18, 502: 19, 503: 20 };
const CT = { none: 0, json: 1, jsonUtf8: 2, html: 3, textJson: 4 };
const RA = { none: 0, seconds: 1, date: 2 };
const resp = (status, ct, body, ra = "none") => Buffer.concat([Buffer.from([S[status], CT[ct] | (RA[ra] << 3)]), Buffer.from(body)]);

// Caisson REST doc, as printed (not valid JSON: trailing commas).
const DOC_EXCHANGE = `{
    "check_id": "chk_priv_ceSB3MdzNm8M5FdEM4wSXw",
}`;
const DOC_ID_CHECK = `{
    "check_id": "chk_priv_SMgso2KGzXLxT2I-g7oD2w",
    "customer_id": "1234321 - Doe, Jamie",
    "checked_on": "2019-07-19T15:00:42.274684-04:00",
    "confidence": {
        "document": "high",
        "face": "high"
    },
    "info": {
        "last_name": "DOE",
        "first_name": "JAMIE",
        "sex": "M",
        "dob": "1989-06-30T00:00:00Z",
        "expires_on": "2025-06-24T00:00:00Z",
        "address": {
            "street": "6 CROWN DR # 11B",
            "city": "NEW YORK",
            "state": "NY",
            "zip": "10001",
        },
    }
}`;
const fix = (s) => s.replace(/,(\s*[}\]])/g, "$1");
const ID_CHECK_REASONS = JSON.stringify({
  ...JSON.parse(fix(DOC_ID_CHECK)),
  confidence: { document: "medium", face: "low", reasons: [{ code: 101, description: "Name mismatch" }, { code: 201, description: "The selfie was not positioned properly" }, { code: 999, description: "?" }] },
});
// Goldstar doc: the soft fail, as printed.
const DOC_SOFT_FAIL = `{
    "Id": "1199927326",
    "Key": "id.failure",
    "Message": "FAIL",
    "Qualifiers": [{
        "Key": "resultcode.yob.does.not.match",
        "Message": "YOB Does Not Match"
    }],
    "Questions": [{
        "Prompt": "What type of residence is 222333 PEACHTREE PLACE?",
        "Type": "residence.type",
        "Choices": [{"Text": "Single Family Residence"}, {"Text": "Townhome"}, {"Text": "Apartment"}, {"Text": "None of the above"}, {"Text": "Skip Question"}]
    }, {
        "Prompt": "Which person is not a relative or someone that you know?",
        "Type": "person.not.known",
        "Choices": [{"Text": "DENYSE SMITH"}, {"Text": "ANTHONY BROWN"}, {"Text": "DAVID BROWN"}, {"Text": "None of the above"}, {"Text": "Skip Question"}]
    }]
}`;
// Field notes: pass, hard fail, answers, the CrowdPay wrapper's error, ASP.NET errors.
const PASS = `{"Id":"1199927327","Key":"id.success","Message":"PASS","Qualifiers":[]}`;
const HARD_FAIL = `{"Id":1199927328,"Key":"id.failure","Message":"FAIL","Qualifiers":{"Key":"resultcode.subject.deceased","Message":"Subject is Deceased"}}`;
const ANSWERS = `{"Id":"1199927329","Key":"result.questions.3.incorrect","Message":"Three Incorrect Answers","Summary":"fail"}`;
const ANSWERS_PASS = `{"Id":90071992547409931234,"Key":"result.questions.0.incorrect","Message":"All answers correct","Summary":"pass"}`;
const ID_ERROR = `{"Key":"id.error","Message":"No first name submitted"}`;
const MODEL_STATE = `{"Message":"The request is invalid.","ModelState":{"person.firstname":["The firstname field is required."],"person.zip":["bad"]}}`;
const PING = `"2015-03-20T13:50:10.0370495-05:00"`;

const seeds = {
  caisson_exchange: [
    resp(200, "json", DOC_EXCHANGE), resp(200, "jsonUtf8", fix(DOC_EXCHANGE)), resp(200, "none", fix(DOC_EXCHANGE)),
    resp(400, "json", `{"error":"INVALID_INPUT","error_description":"The exchange token is invalid."}`),
    resp(200, "json", `{"error":"INTERNAL_ERROR","error_message":"Something went wrong."}`),
    resp(500, "json", `{"error":"INTERNAL_ERROR","error_description":"Internal error."}`),
    resp(401, "json", `{"error":"UNAUTHORIZED"}`), resp(429, "json", "{}", "seconds"),
    resp(502, "html", "<html><body><h1>502 Bad Gateway</h1></body></html>"), resp(204, "none", ""),
  ],
  caisson_id_check: [
    resp(200, "json", DOC_ID_CHECK), resp(200, "jsonUtf8", fix(DOC_ID_CHECK)), resp(200, "json", ID_CHECK_REASONS),
    resp(200, "json", `{"error":"NOT_VERIFIED","error_description":"The ID check is not complete."}`),
    resp(404, "json", `{"error":"IDCHECK_DELETED","error_description":"Deleted."}`),
    resp(410, "json", `{"error":"IDCHECK_EXPIRED","error_description":"Expired."}`),
    resp(200, "json", `{"error":"PENDING_REVIEW","error_message":"Under review."}`), resp(503, "none", "", "date"),
  ],
  goldstar_ping: [resp(200, "none", PING), resp(200, "json", PING), resp(200, "json", "\u{feff}" + PING), resp(500, "json", `{"Message":"An error has occurred."}`),
    resp(200, "json", `"2015-03-20T13:50:10.037"`)],
  goldstar_verify: [
    resp(200, "json", DOC_SOFT_FAIL), resp(200, "json", fix(DOC_SOFT_FAIL)), resp(200, "textJson", PASS), resp(201, "json", HARD_FAIL),
    resp(200, "json", ANSWERS), resp(200, "json", ANSWERS_PASS), resp(200, "json", ID_ERROR), resp(400, "json", MODEL_STATE),
    resp(409, "json", `{"Message":"The questions for this id have already been answered."}`), resp(429, "json", "{}", "date"),
  ],
  headers_time: ["1", "120", "Wed, 21 Oct 2015 07:28:00 GMT", "2019-07-19T15:00:42.274684-04:00", "2015-03-20T13:50:10.0370495-05:00", "1989-06-30T00:00:00Z"].map((s) => Buffer.from(s)),
};

// arguments: key, base URL, domain, version, header name, header value, token,
// check id, fields, person (10 fields), id, answers (type=text;...), questions (type:c|c;...).
const US = "\u001f";
const args = (xs) => Buffer.from(xs.join(US));
const person = ["Jamie", "Doe", "222333 PEACHTREE PLACE", "Atlanta", "ga", "30318-1234", "555-01-0201", "6", "30", "1989"];
seeds.arguments = [
  args(["prod_sec_" + "A".repeat(43), "https://api-noam.caisson.dev", "qaservices.goldstartrust.com", "v1", "X-PortalKey", "portal-key-1",
    "chk_xchg_UeRXDryTTpvU24CTre8W2Q", "chk_priv_SMgso2KGzXLxT2I-g7oD2w", "sex,dob,address,expires_on", ...person, "1196338064",
    "residence.type=Townhome;person.not.known=DAVID BROWN", "residence.type:Single Family Residence|Townhome;person.not.known:DAVID BROWN|None of the above"]),
  args(["k", "http://localhost:4010", "127.0.0.1:4010", "v2", "X-ByPassValidation", "true", "chk_priv_swapped", "chk_xchg_swapped", "ssn",
    "A\r\nB", "Doe", "1 Main", "X", "XX", "00000", "666-12-3456", "2", "30", "2100", "12 34", "t=\u0000", ""]),
];

// sandbox: records (0x1E) of route byte, flags byte (1 GET, 2 good key, 4 check-id header, 8 JSON type, >>5 clock step), body.
const RS = "\u001e";
const rec = (route, flags, body) => String.fromCharCode(route, flags) + body;
const P = (ssn) => JSON.stringify({ firstname: "Jamie", lastname: "Doe", address: "1 Main St", city: "Atlanta", state: "GA", zip: "30318", taxpayerID: ssn, birthMonth: 6, birthDay: 30, birthYear: 1989 });
seeds.sandbox = [
  [rec(0, 10, `{"check_exchange_token":"$T"}`), rec(2, 15, ""), rec(0, 10 | (4 << 5), `{"check_exchange_token":"$T"}`), rec(1, 7 | (6 << 5), "")].join(RS),
  [rec(3, 2, ""), rec(4, 10, P("555-01-0201")), rec(5, 10, `{"id":"$I","answers":[{"type":"residence.type","text":"Single Family Residence"}]}`), rec(5, 10, `{"id":"$I","answers":[]}`)].join(RS),
  [rec(4, 10, P("555010101")), rec(4, 10, P("555-01-0902")), rec(4, 8, P("555-01-0001")), rec(4, 10, DOC_SOFT_FAIL), rec(7, 2, "https://api.caisson.com/v1/idcheck/../x?fields=\n{}")].join(RS),
  [rec(0, 10, DOC_EXCHANGE), rec(2, 7, DOC_ID_CHECK), rec(6, 2, "{}"), rec(0, 0, `{"check_exchange_token":"chk_xchg_UeRXDryTTpvU24CTre8W2Q"}`)].join(RS),
].map((s) => Buffer.from(s, "latin1"));

rmSync(root, { recursive: true, force: true });
let n = 0;
for (const [target, list] of Object.entries(seeds)) {
  mkdirSync(root + target, { recursive: true });
  list.forEach((b, i) => { writeFileSync(`${root}${target}/seed-${String(i).padStart(2, "0")}`, b); n++; });
}
console.log(`make-seeds: ${n} seeds in fuzz/seeds/`);
