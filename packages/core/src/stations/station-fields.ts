import { z } from "zod";
import { ZOptionalText } from "../shared/fields";

/** What a station's form says about it, on creation and when edited. */
export const ZStationDetails = z.object({
  address: ZOptionalText(200),
  receptionSchedule: ZOptionalText(100),
  theme: ZOptionalText(100),
  partners: z.array(z.string().trim().min(1).max(30, "validation.tooLong")).max(20, "validation.tooMany").default([]),
  liaisonUserIds: z.array(z.uuid()).min(1, "validation.liaisonRequired").max(2, "validation.tooMany"),
  customValues: z.record(z.string(), z.unknown()).default({}),
  status: z.enum(["planned", "active", "closed"]).default("active"),
});

const ZCoordinate = (limit: number) =>
  z.preprocess(
    (value) => (value === "" || value === undefined ? null : value),
    z.coerce
      .number({ error: "validation.notANumber" })
      .min(-limit, "validation.outOfRange")
      .max(limit, "validation.outOfRange")
      .nullable(),
  );

/** A map point is both coordinates or neither (WGS-84, as phones report them). */
export const ZMapPoint = z
  .object({ latitude: ZCoordinate(90), longitude: ZCoordinate(180) })
  .refine((p) => (p.latitude === null) === (p.longitude === null), {
    message: "validation.mapPointHalf",
    path: ["longitude"],
  });
