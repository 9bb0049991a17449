import { resources } from "@rdlink/i18n";
import type { TDeputyRecord } from "./count-deputy-records";

const labels = resources["zh-CN"].translation.deputyRecords.figures;

/** The record's figures in the order the page, the sheet and the 履职报告 show them, with their Chinese names. */
export const RECORD_FIGURES: { key: keyof TDeputyRecord; label: string }[] = (
  [
    "receptions",
    "peopleReceived",
    "visits",
    "mediations",
    "legislativeConsultations",
    "trainings",
    "postServices",
    "otherActivities",
    "postsHeld",
    "opinionsRegistered",
    "suggestionsLed",
    "suggestionsSeconded",
    "consultations",
    "caseSteps",
    "pairVisits",
  ] as const
).map((key) => ({ key, label: labels[key] }));
