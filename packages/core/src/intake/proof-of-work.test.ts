import { describe, expect, it } from "vitest";
import { solvedChallenge, TEST_INTAKE_SECRET } from "../testing/proof-of-work";
import { checkSolution } from "./proof-of-work";

describe("the public form's proof of work, judged by the app's clock", () => {
  // A day far from the machine's: the outcome must not depend on the wall clock.
  const shownAt = new Date("2031-06-01T02:00:00Z");
  const at = (ms: number) => new Date(shownAt.getTime() + ms);

  it("refuses a form sent too fast or after 30 minutes, and takes one in between", async () => {
    const solved = await solvedChallenge(shownAt);
    await expect(checkSolution(TEST_INTAKE_SECRET, solved, at(1_000))).resolves.toEqual({
      ok: false,
      reason: "tooFast",
    });
    await expect(checkSolution(TEST_INTAKE_SECRET, solved, at(10 * 60_000))).resolves.toMatchObject({ ok: true });
    await expect(checkSolution(TEST_INTAKE_SECRET, solved, at(31 * 60_000))).resolves.toEqual({
      ok: false,
      reason: "expired",
    });
  });

  it("refuses a puzzle signed with another secret, or with its time changed", async () => {
    const solved = await solvedChallenge(shownAt, "another-secret-0123456789abcdef012");
    await expect(checkSolution(TEST_INTAKE_SECRET, solved, at(60_000))).resolves.toEqual({
      ok: false,
      reason: "invalid",
    });
    const payload = JSON.parse(Buffer.from(await solvedChallenge(shownAt), "base64").toString("utf8"));
    payload.challenge.parameters.data.shownAt = shownAt.getTime() - 3_600_000;
    const tampered = Buffer.from(JSON.stringify(payload)).toString("base64");
    await expect(checkSolution(TEST_INTAKE_SECRET, tampered, at(60_000))).resolves.toEqual({
      ok: false,
      reason: "invalid",
    });
  });
});
