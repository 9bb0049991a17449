import { auditLog, selectRows, smsSettings } from "@rdlink/db";
import { testDrivers } from "@rdlink/db/testing";
import { resources } from "@rdlink/i18n";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../clock";
import { ValidationError } from "../shared/errors";
import { memberOf } from "../testing/actors";
import { getSmsSettings } from "./get-sms-settings";
import { removeSmsSettings } from "./remove-sms-settings";
import { saveSmsSettings } from "./save-sms-settings";
import { openSecret } from "./secret-box";
import { SECRET_ID, SECRET_KEY, SMS_FORM, smsTestCounty } from "./sms-test-county";

/** A validation key in the county admin's language. */
const inChinese = (key: string) =>
  key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], resources["zh-CN"].translation);

describe.each(testDrivers())("the county's SMS settings on %s", (driver) => {
  const county = smsTestCounty(driver, { withSms: false });
  const { state } = county;
  beforeAll(county.setUp);
  afterAll(county.tearDown);

  const save = (form: Record<string, unknown>) =>
    county.inCounty((tx) => saveSmsSettings(tx, county.adminContext(), form, county.secretsKey));
  const storedRows = () =>
    county.inCounty((tx) => selectRows<Record<string, unknown>>(tx, sql`select * from sms_settings`));
  const auditRows = () =>
    county.inCounty((tx) => tx.select().from(auditLog).where(sql`${auditLog.action} like 'sms.%'`));

  it("refuses bad input with messages in Chinese, and writes nothing", async () => {
    const refusal = await save({
      ...SMS_FORM,
      secretKey: "短",
      sdkAppId: "12345",
      signName: "【西乡塘】",
      templateAnswered: "模板三",
      templateClosed: "",
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ValidationError);
    const { fieldErrors } = refusal as ValidationError;
    expect(fieldErrors).toEqual({
      secretKey: "validation.smsSecretKey",
      sdkAppId: "validation.smsSdkAppId",
      signName: "validation.smsSignName",
      templateAnswered: "validation.smsTemplateId",
      templateClosed: "validation.required",
    });
    for (const key of Object.values(fieldErrors)) expect(inChinese(key)).toMatch(/[\u4e00-\u9fff]/);
    // The first save needs both keys.
    await expect(save({ ...SMS_FORM, secretId: "", secretKey: "" })).rejects.toMatchObject({
      fieldErrors: { secretId: "validation.required", secretKey: "validation.required" },
    });
    expect(await storedRows()).toEqual([]);
    expect(await auditRows()).toEqual([]);
  });

  it("is for the county admin only", async () => {
    const liaison = { actor: memberOf(state.tenantId, "station_liaison"), ip: null, clock: systemClock };
    await expect(county.inCounty((tx) => saveSmsSettings(tx, liaison, SMS_FORM, county.secretsKey))).rejects.toThrow();
    await expect(county.inCounty((tx) => getSmsSettings(tx, liaison))).rejects.toThrow();
    expect(await storedRows()).toEqual([]);
  });

  it("keeps the keys encrypted, never shows or audits them, and keeps them when left blank", async () => {
    expect(await county.inCounty((tx) => getSmsSettings(tx, county.adminContext()))).toBeNull();
    await save(SMS_FORM);
    const [row] = await storedRows();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(SECRET_KEY);
    expect(stored).not.toContain(SECRET_ID);
    expect(stored).not.toContain(SECRET_ID.slice(4, -4));
    // Sealed for this county and field: the deployment's key opens it, nothing else does.
    expect(
      openSecret(county.secretsKey, String(row!.secret_key_ciphertext), {
        tenantId: state.tenantId,
        field: "secretKey",
      }),
    ).toBe(SECRET_KEY);

    const shown = await county.inCounty((tx) => getSmsSettings(tx, county.adminContext()));
    expect(shown).toMatchObject({ secretIdHint: "AKID…abcd", secretKeySet: true, signName: "西乡塘区人大" });
    expect(JSON.stringify(shown)).not.toContain(SECRET_KEY);

    // Saved again with the keys left blank and another template: the keys stay as they were.
    await save({ ...SMS_FORM, secretId: "", secretKey: "", templateClosed: "2014" });
    const [again] = await county.inCounty((tx) => tx.select().from(smsSettings));
    expect(again).toMatchObject({
      templateClosed: "2014",
      secretKeyCiphertext: row!.secret_key_ciphertext,
      secretIdCiphertext: row!.secret_id_ciphertext,
    });

    const audits = await auditRows();
    expect(audits).toHaveLength(2);
    expect(audits.map((a) => [a.action, a.detail])).toEqual(
      expect.arrayContaining([
        ["sms.settings_saved", expect.objectContaining({ secretIdChanged: true, secretKeyChanged: true })],
        ["sms.settings_saved", expect.objectContaining({ secretIdChanged: false, secretKeyChanged: false })],
      ]),
    );
    expect(JSON.stringify(audits)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(audits)).not.toContain(SECRET_ID);
  });

  it("turns SMS off: the account and its sealed keys are gone, audited", async () => {
    await county.inCounty((tx) => removeSmsSettings(tx, county.adminContext()));
    expect(await storedRows()).toEqual([]);
    expect(await county.inCounty((tx) => getSmsSettings(tx, county.adminContext()))).toBeNull();
    expect((await auditRows()).map((a) => a.action)).toContain("sms.settings_removed");
  });
});
