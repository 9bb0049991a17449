import { PermissionDenied } from "@rdlink/auth";
import type { Upload } from "@rdlink/core/files/save-uploaded-images";
import { UploadError } from "@rdlink/core/files/store-image";
import { ConflictError, NotFoundError, ValidationError } from "@rdlink/core/shared/errors";
import { DatabaseUnavailableError, TenantIdError } from "@rdlink/db";
import { data } from "react-router";
import { notFound } from "./auth.server";
import { isCleanText } from "./clean-input";

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
 * The submitted form as a plain object for zod. Fields named `x[]` become arrays.
 * A body that is not a form is a 400, never a 500.
 */
export async function readForm(request: Request): Promise<Record<string, unknown>> {
  return formValues(await parseFormData(request));
}

/**
 * A form with file inputs (`encType="multipart/form-data"`): its values as readForm
 * gives them, and the files chosen in each file input (empty inputs give none).
 */
export async function readFormWithFiles(request: Request) {
  const form = await parseFormData(request);
  const uploads = async (name: string): Promise<Upload[]> =>
    Promise.all(
      form
        .getAll(name)
        .filter((entry): entry is File => typeof entry !== "string" && entry.size > 0)
        .map(async (file) => ({
          bytes: new Uint8Array(await file.arrayBuffer()),
          filename: file.name,
          declaredType: file.type,
        })),
    );
  return { values: formValues(form), uploads };
}

async function parseFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data({ messageKey: "errors.badRequest" }, { status: 400 });
  }
}

/** A form's values by name; a value holding NUL or a lone surrogate refuses the whole form (400). */
function formValues(form: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (!isCleanText(key) || (typeof value === "string" && !isCleanText(value))) {
      throw data({ messageKey: "errors.invalidCharacters" }, { status: 400 });
    }
  }
  for (const key of new Set(form.keys())) {
    if (key.endsWith("[]"))
      values[key.slice(0, -2)] = form.getAll(key).filter((v) => typeof v === "string" && v !== "");
    else {
      const value = form.get(key);
      values[key] = typeof value === "string" ? value : undefined;
    }
  }
  return values;
}

/** A form value that carries JSON (a field list editor's hidden input); unreadable JSON is that field's error. */
export function jsonValue(values: Record<string, unknown>, name: string): unknown {
  try {
    return JSON.parse(String(values[name] ?? "null"));
  } catch {
    throw new ValidationError({ [name]: "validation.invalid" });
  }
}
