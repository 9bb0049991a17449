import { PermissionDenied } from "@rdlink/auth";
import type { Upload } from "@rdlink/core/files/save-uploaded-images";
import { UploadError } from "@rdlink/core/files/store-image";
import { MAX_UPLOAD_BYTES } from "@rdlink/core/files/upload-policy";
import { ConflictError, NotFoundError, ValidationError } from "@rdlink/core/shared/errors";
import { DatabaseUnavailableError, TenantIdError } from "@rdlink/db";
import { data } from "react-router";
import { notFound } from "./auth.server";
import { FormLimitError, type MultipartLimits, readMultipartForm } from "./multipart.server";

/** What a failed form submission sends back: i18n keys, translated by the page. */
export type FormFailure = {
  ok: false;
  fieldErrors: Record<string, string>;
  formError?: string;
  values?: Record<string, string>;
};

/**
 * Turns a use case's deliberate errors into 4xx answers: field errors for the form
 * (400), a conflict (409), 404 for anything not found or not permitted, and 503 while
 * the database is unreachable. Anything else is rethrown and becomes a 500 without details.
 */
export function failureResponse(error: unknown) {
  if (error instanceof ValidationError) {
    return data<FormFailure>(
      { ok: false, fieldErrors: error.fieldErrors, formError: error.formError },
      { status: 400 },
    );
  }
  if (error instanceof ConflictError) {
    const fieldErrors = error.field ? { [error.field]: error.message } : {};
    return data<FormFailure>(
      { ok: false, fieldErrors, formError: error.field ? undefined : error.message, values: error.values },
      { status: 409 },
    );
  }
  if (error instanceof UploadError) {
    return data<FormFailure>({ ok: false, fieldErrors: {}, formError: error.messageKey }, { status: error.status });
  }
  if (error instanceof NotFoundError || error instanceof PermissionDenied || error instanceof TenantIdError) {
    throw notFound();
  }
  // The database restarting: the form stays as it was typed, with a message to send it again.
  if (error instanceof DatabaseUnavailableError) {
    return data<FormFailure>(
      { ok: false, fieldErrors: {}, formError: "errors.unavailable" },
      { status: 503, headers: { "Retry-After": "5" } },
    );
  }
  throw error;
}

/** Runs a loader's use case; not-found and not-permitted become a 404 page, bad query parameters a 400. */
export async function loadOr404<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof PermissionDenied || error instanceof TenantIdError) {
      throw notFound();
    }
    if (error instanceof ValidationError) throw data({ messageKey: "errors.badRequest" }, { status: 400 });
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
