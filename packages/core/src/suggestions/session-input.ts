import { z } from "zod";

const ZDay = z.iso.date({ error: "validation.invalidDate" });
const ZOrdinal = z.coerce
  .number({ error: "validation.required" })
  .int("validation.invalid")
  .min(1, "validation.invalid")
  .max(99, "validation.invalid");

/** A congress session as its form sends it: 届 and 次, its opening and closing days, its name if not the usual one. */
export const ZSessionInput = z
  .object({
    term: ZOrdinal,
    meeting: ZOrdinal,
    opensOn: ZDay,
    closesOn: ZDay,
    name: z
      .string()
      .trim()
      .max(60, "validation.tooLong")
      .nullish()
      .transform((v) => v || null),
  })
  .refine((s) => s.closesOn >= s.opensOn, { path: ["closesOn"], message: "validation.closesBeforeOpening" });

const DIGITS = "零一二三四五六七八九";

/** 1–99 in Chinese numerals, as session names write them: 三, 十七, 二十. */
export function chineseOrdinal(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones === 0 ? "" : DIGITS[ones]}`;
}

/** 第十七届人民代表大会第三次会议: the name a session has unless the county gives another. */
export const sessionName = (term: number, meeting: number) =>
  `第${chineseOrdinal(term)}届人民代表大会第${chineseOrdinal(meeting)}次会议`;
