// The bodies the benchmark parses: doc-sized answers of both APIs, and the
// growth series (1, 10, 100 reasons or questions).

const REASON_TEXT = {
  101: "Name mismatch",
  201: "The selfie was not positioned properly (e.g. only showing part of the face, face is too close/far).",
  302: "Face could not be detected in the uploaded document.",
};

/** A `GET /v1/idcheck` result as in Caisson's doc, with every optional field. */
export function idCheckBody(nReasons = 2) {
  const codes = [201, 101, 302];
  const reasons = Array.from({ length: nReasons }, (_, i) => {
    const code = codes[i % codes.length];
    return { code, description: REASON_TEXT[code] };
  });
  return JSON.stringify({
    check_id: "chk_priv_8SVmbHTDTwdNKtAgqlD6n5",
    customer_id: "c9a2b5e4-7d1f-4b3a-9a61-0f2b8e5d3c71",
    checked_on: "2019-07-19T15:00:42.274684-04:00",
    confidence: { document: "medium", face: "high", reasons },
    info: {
      first_name: "JAMIE",
      last_name: "DOE",
      sex: "F",
      dob: "1989-06-30T00:00:00Z",
      expires_on: "2027-06-24T00:00:00Z",
      address: { street: "123 MAIN ST APT 4", city: "NEW YORK", state: "NY", zip: "10001-1234" },
    },
  });
}

const QUESTIONS = [
  ["Which of the following streets have you lived on?", "street.name", ["Oak Ridge Rd", "Maple Ave", "Birch Ln", "Cedar Ct", "None of the above"]],
  ["In which city is 1 Main St?", "city.of.residence", ["Atlanta", "Savannah", "Macon", "Athens", "None of the above"]],
  ["Which of these vehicles have you owned?", "vehicle.make", ["Toyota", "Honda", "Ford", "Subaru", "None of the above"]],
];

/** A verify-identity soft fail with questions, as in the Goldstar field notes. */
export function outcomeBody(nQuestions = 3) {
  const Questions = Array.from({ length: nQuestions }, (_, i) => {
    const [Prompt, Type, choices] = QUESTIONS[i % QUESTIONS.length];
    return { Prompt, Type, Choices: choices.map((Text) => ({ Text })) };
  });
  return JSON.stringify({
    Id: "3066589125",
    Key: "id.failure",
    Message: "FAIL",
    Summary: "fail",
    Qualifiers: [
      { Key: "resultcode.address.does.not.match", Message: "Address Does Not Match" },
      { Key: "resultcode.yob.within.one.year", Message: "YOB Within One Year" },
      { Key: "resultcode.ssn.within.one.digit", Message: "SSN Within One Digit" },
    ],
    Questions,
  });
}

export const JSON_HEADERS = { "content-type": "application/json; charset=utf-8" };
