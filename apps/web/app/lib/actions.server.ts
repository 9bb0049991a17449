import type { Upload } from "@rdlink/core/files/save-uploaded-images";
import { MAX_UPLOAD_BYTES } from "@rdlink/core/files/upload-policy";
import { ValidationError } from "@rdlink/core/shared/errors";
import { data } from "react-router";
import { notFound } from "./auth.server";
import { FormLimitError, type MultipartLimits, readMultipartForm } from "./multipart.server";
import { refusalOf } from "./refusal.server";

/** What a failed form submission sends back: i18n keys, translated by the page. */
export type FormFailure = {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string;
  values?: Record<string, string>;
};

/**
 * Turns a use case's deliberate errors (see refusalOf) into the form's 4xx answer: field errors
 * (400), a conflict (409), a refused upload, 503 while the database is unreachable (the form stays
 * as it was typed, with a message to send it again); not found or not permitted throws the 404
 * page. Anything else is rethrown and becomes a 500 without details.
 */
export function failureResponse(error: unknown) {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  const failure = (formError?: string, fieldErrors: Record<string, string> = {}, values?: Record<string, string>) =>
    ({ ok: false, fieldErrors, formError, values }) satisfies FormFailure;
  switch (refusal.kind) {
    case "notFound":
      throw notFound();
    case "invalid":
      return data(failure(refusal.formError, refusal.fieldErrors), { status: 400 });
    case "conflict": {
      const { field, messageKey, values } = refusal;
      return data(failure(field ? undefined : messageKey, field ? { [field]: messageKey } : {}, values), {
        status: 409,
      });
    }
    case "upload":
      return data(failure(refusal.messageKey), { status: refusal.status });
    case "keyReused":
      return data(failure("intake.errors.keyReused"), { status: 422 });
    case "rateLimited": {
      const minutes = String(Math.max(1, Math.ceil(refusal.retryAfterSeconds / 60)));
      return data(failure("errors.rateLimited", {}, { minutes }), {
        status: 429,
        headers: { "Retry-After": String(refusal.retryAfterSeconds) },
      });
    }
    case "unavailable":
      return data(failure("errors.unavailable"), {
        status: 503,
        headers: { "Retry-After": String(refusal.retryAfterSeconds) },
      });
  }
}

/** Runs a loader's use case; not-found and not-permitted become a 404 page, bad query parameters a 400. */
export async function loadOr404<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const refusal = refusalOf(error);
    if (refusal?.kind === "notFound") throw notFound();
    if (refusal?.kind === "invalid") throw data({ messageKey: "errors.badRequest" }, { status: 400 });
    throw error;
  }
}

/**
 * A form without files: as much text as server.ts lets a form that is not multipart send
 * (1 MB), and no file. A multipart body is read as it streams in, within these limits.
 */
const FORM_LIMITS: MultipartLimits = {
  fieldBytes: 1024 * 1024,
  textBytes: 1024 * 1024,
  fields: 10_000,
  fileBytes: 0,
  files: 0,
};

/**
 * The submitted form as a plain object for zod. Fields named `x[]` become arrays.
 * A body that is not a form is a 400, never a 500; a value holding NUL or a lone surrogate
 * refuses the whole form (400); one past FORM_LIMITS is a 413 (a file, 400).
 */
export async function readForm(request: Request): Promise<Record<string, unknown>> {
  try {
    return (await readMultipartForm(request, FORM_LIMITS)).values;
  } catch (error) {
    if (error instanceof FormLimitError) throw data({ messageKey: error.messageKey }, { status: error.status });
    throw error;
  }
}

/**
 * The form of a page that does one thing: it names no intent, so a form that does is a request
 * this page does not understand (400), refused before anything is written.
 */
export async function readSinglePurposeForm(request: Request): Promise<Record<string, unknown>> {
  return refuseIntent(await readForm(request));
}

/** A form's values, refused (400) if it names an intent: see readSinglePurposeForm. */
export function refuseIntent<T extends Record<string, unknown>>(values: T): T {
  if ("intent" in values) throw new ValidationError({}, "errors.unknownIntent");
  return values;
}

/**
 * What the staff's forms with files may hold (server.ts caps the whole body at 64 MB): text as a
 * form without files may (1 MB), and files of at most 10 MB each. Each part is checked as it
 * streams in; nothing past a limit is read.
 */
const STAFF_FORM_LIMITS: MultipartLimits = {
  fieldBytes: 1024 * 1024,
  textBytes: 1024 * 1024,
  fields: 1000,
  fileBytes: MAX_UPLOAD_BYTES,
  files: 20,
};

/**
 * A form with file inputs (`encType="multipart/form-data"`): its values as readForm
 * gives them, and the files chosen in each file input (empty inputs give none). Read as it
 * streams in (see readMultipartForm): a file over 10 MB stops the reading there and is an
 * UploadError (413, errors.fileTooLarge), which failureResponse shows on the form; call it
 * inside the action's try.
 */
export async function readFormWithFiles(request: Request) {
  const form = await readMultipartForm(request, STAFF_FORM_LIMITS);
  const uploads = async (name: string): Promise<Upload[]> => form.files(name);
  return { values: form.values, uploads };
}

/** A form value that carries JSON (a field list editor's hidden input); unreadable JSON is that field's error. */
export function jsonValue(values: Record<string, unknown>, name: string): unknown {
  try {
    return JSON.parse(String(values[name] ?? "null"));
  } catch {
    throw new ValidationError({ [name]: "validation.invalid" });
  }
}
