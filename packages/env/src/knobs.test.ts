import { afterEach, describe, expect, it } from "vitest";
import { childEnvironment, flagKnob, intKnob, readKnobs, textKnob } from "./knobs";

const VARIABLES = ["KNOB_TEST_COUNT", "KNOB_TEST_NAME", "KNOB_TEST_KEEP"];
afterEach(() => {
  for (const name of VARIABLES) delete process.env[name];
});

const read = () =>
  readKnobs({
    count: intKnob("KNOB_TEST_COUNT", 15),
    name: textKnob("KNOB_TEST_NAME", "default"),
    keep: flagKnob("KNOB_TEST_KEEP"),
  });

describe("readKnobs", () => {
  it("gives the fallbacks when the variables are unset or empty", () => {
    expect(read()).toEqual({ count: 15, name: "default", keep: false });
    process.env.KNOB_TEST_COUNT = "";
    process.env.KNOB_TEST_NAME = "";
    expect(read()).toEqual({ count: 15, name: "default", keep: false });
  });

  it("reads each knob from its variable", () => {
    process.env.KNOB_TEST_COUNT = "40";
    process.env.KNOB_TEST_NAME = "postgres://bench@127.0.0.1/x";
    process.env.KNOB_TEST_KEEP = "1";
    expect(read()).toEqual({ count: 40, name: "postgres://bench@127.0.0.1/x", keep: true });
  });

  it("refuses a bad number, naming the variable", () => {
    process.env.KNOB_TEST_COUNT = "ten";
    expect(read).toThrow(/KNOB_TEST_COUNT/);
    process.env.KNOB_TEST_COUNT = "0";
    expect(read).toThrow(/KNOB_TEST_COUNT/);
    process.env.KNOB_TEST_COUNT = "2.5";
    expect(read).toThrow(/KNOB_TEST_COUNT/);
  });
});

describe("childEnvironment", () => {
  it("inherits this process's variables, with overrides and without the ones named", () => {
    process.env.KNOB_TEST_NAME = "inherited";
    process.env.KNOB_TEST_KEEP = "1";
    const child = childEnvironment({ KNOB_TEST_COUNT: "3" }, ["KNOB_TEST_KEEP"]);
    expect(child).toMatchObject({ KNOB_TEST_NAME: "inherited", KNOB_TEST_COUNT: "3" });
    expect(child).not.toHaveProperty("KNOB_TEST_KEEP");
    expect(process.env.KNOB_TEST_KEEP).toBe("1");
  });
});
