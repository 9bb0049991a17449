import { setImmediate as nextTurn } from "node:timers/promises";
import Busboy, { type BusboyFileStream, type BusboyInstance } from "@fastify/busboy";
import type { Upload } from "@rdlink/core/files/save-uploaded-images";
import { UploadError } from "@rdlink/core/files/store-image";
import { data } from "react-router";
import { isCleanText } from "./clean-input";

/**
 * A form with file inputs, read as it streams in (busboy): each part is checked against its
 * own limit the moment its bytes arrive, and the first check that fails stops the reading
 * there — nothing past a limit is ever held. The caller's hooks run in the order the parts
 * arrive, between two reads, so a check that needs the database or a hash (the public form's
 * proof of work) also stops the upload before the next bytes are taken.
 *
 * Stopping leaves the rest of the body unread (the request is not cancelled: that would cut
 * the connection before the answer is sent); server.ts closes the connection once the answer
 * has gone out.
 */

export type MultipartLimits = {
  /** Bytes of one text field's value. */
  fieldBytes: number;
  /** Bytes of all text fields together. */
  textBytes: number;
  /** Text fields in the form. */
  fields: number;
  /** Bytes of one file. */
  fileBytes: number;
  /** Files in the form (empty file inputs are not counted). */
  files: number;
};

export type MultipartHooks = {
  /** Each text field once it has arrived whole (and is clean), in order; throwing refuses the form. */
  onField?: (name: string, value: string) => void | Promise<void>;
  /** A file part beginning, before any of its bytes are kept; throwing refuses the form. */
  onFileStart?: (name: string) => void | Promise<void>;
};

export type MultipartForm = {
  /** The text fields by name, as readForm gives them (`x[]` names become arrays). */
  values: Record<string, unknown>;
  /** The non-empty files sent under one name, in order. */
  files: (name: string) => Upload[];
};

/** A part that breaks a limit: 413 for sizes, 400 for counts (an i18n key says which). */
export class FormLimitError extends UploadError {
  constructor(
    status: 413 | 400,
    messageKey: string,
    readonly limit: keyof MultipartLimits,
  ) {
    super(status, messageKey);
    this.name = "FormLimitError";
  }
}

const badRequest = () => data({ messageKey: "errors.badRequest" }, { status: 400 });
const invalidCharacters = () => data({ messageKey: "errors.invalidCharacters" }, { status: 400 });

/** Field names are short ("fields.<key>", "photos"); a longer one is not from our forms. */
const MAX_NAME_CHARS = 200;

/**
 * Reads a `multipart/form-data` body within `limits`, calling `hooks` as its parts arrive.
 * An `application/x-www-form-urlencoded` body (server.ts caps those at 1 MB) is read whole
 * and given to the same hooks. Throws FormLimitError for a limit, a 400 response for a body
 * that is no form or holds NUL or a lone surrogate, and whatever a hook throws.
 */
export async function readMultipartForm(
  request: Request,
  limits: MultipartLimits,
  hooks: MultipartHooks = {},
): Promise<MultipartForm> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(contentType)) return readSmallForm(request, limits, hooks);
  if (!request.body) throw badRequest();

  const entries: [string, string | Upload][] = [];
  /**
   * The parts begun and not yet handled, in the order they came. The parser announces a part
   * at its headers, at once, but ends a text part a tick later: a part is handled only once
   * every part before it has been.
   */
  const pending: Part[] = [];
  let failure: unknown = null;
  const fail = (error: unknown) => {
    failure ??= error;
  };
  let textTotal = 0;
  let fieldCount = 0;
  let fileCount = 0;

  let parser: BusboyInstance;
  try {
    parser = Busboy({
      headers: { "content-type": contentType },
      // Every part comes as a stream from its first byte, text too: each is measured as it
      // arrives, against the limit of its kind (busboy would read a text field whole first).
      isPartAFile: () => true,
      limits: {
        files: Number.POSITIVE_INFINITY,
        // A backstop only: the exact limits are checked below, chunk by chunk.
        fileSize: Math.max(limits.fileBytes, limits.fieldBytes) + 1,
        parts: limits.fields + limits.files + 16,
        headerPairs: 20,
        headerSize: 8 * 1024,
      },
    });
  } catch {
    throw badRequest(); // no boundary
  }
  const finished = new Promise<void>((resolve) => {
    parser.on("finish", resolve);
    parser.on("error", () => {
      fail(badRequest());
      resolve();
    });
  });
  parser.on("partsLimit", () => fail(new FormLimitError(413, "errors.formTooLarge", "fields")));
  // (busboy gives `filename` as undefined for a part that names none, whatever its types say)
  parser.on("file", (name, stream: BusboyFileStream, filename: string | undefined, _encoding, mimeType) => {
    const part: Part = {
      name,
      started: false,
      ended: false,
      filename,
      mimeType,
      // As browsers mark them: a filename (even empty, for an empty file input), or raw bytes.
      isFile: filename !== undefined || mimeType === "application/octet-stream",
      chunks: [],
      size: 0,
    };
    if (!part.isFile && ++fieldCount > limits.fields) fail(new FormLimitError(413, "errors.formTooLarge", "fields"));
    pending.push(part);
    stream.on("data", (chunk: Buffer) => {
      if (failure) return;
      if (part.isFile && part.size === 0 && ++fileCount > limits.files) {
        return fail(new FormLimitError(400, "errors.tooManyFiles", "files"));
      }
      part.size += chunk.byteLength;
      if (part.isFile && part.size > limits.fileBytes) {
        return fail(new FormLimitError(413, "errors.fileTooLarge", "fileBytes"));
      }
      if (!part.isFile) {
        textTotal += chunk.byteLength;
        if (part.size > limits.fieldBytes) return fail(new FormLimitError(413, "errors.fieldTooLarge", "fieldBytes"));
        if (textTotal > limits.textBytes) return fail(new FormLimitError(413, "errors.formTooLarge", "textBytes"));
      }
      part.chunks.push(chunk);
    });
    stream.on("limit", () => fail(new FormLimitError(413, "errors.fileTooLarge", "fileBytes")));
    stream.on("end", () => {
      part.ended = true;
    });
  });

  /** The parts that arrived, handled in order: hooks awaited, values and files kept. */
  const handleArrived = async () => {
    while (pending.length > 0 && !failure) {
      const part = pending[0]!;
      if (!part.started) {
        part.started = true;
        if (!isCleanText(part.name) || part.name.length > MAX_NAME_CHARS) throw invalidCharacters();
        // A file is vetted as it begins (what arrived of it so far is at most one read).
        if (part.isFile) await hooks.onFileStart?.(part.name);
      }
      if (!part.ended) return;
      pending.shift();
      if (part.isFile) {
        entries.push([
          part.name,
          {
            bytes: joined(part),
            filename: part.filename ?? "",
            declaredType: part.mimeType,
          },
        ]);
      } else {
        const value = new TextDecoder().decode(joined(part));
        if (!isCleanText(value)) throw invalidCharacters();
        entries.push([part.name, value]);
        await hooks.onField?.(part.name, value);
      }
      part.chunks = [];
    }
  };

  const reader = request.body.getReader();
  let complete = false;
  try {
    while (true) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw badRequest(); // the client went away mid-body
      }
      if (chunk.done) break;
      // (A parser that failed may never call back: its error settles `finished`.)
      await Promise.race([new Promise<void>((resolve) => parser.write(chunk.value, () => resolve())), finished]);
      // The parser ends parts and hands on their data on the next ticks: let it, then look.
      await nextTurn();
      if (failure) throw failure;
      await handleArrived();
      if (failure) throw failure;
    }
    parser.end();
    await finished;
    await nextTurn();
    if (failure) throw failure;
    await handleArrived();
    if (failure) throw failure;
    complete = true;
  } finally {
    // Stop here: the unread rest stays in the socket (server.ts closes the connection after the answer).
    reader.releaseLock();
    if (!complete) parser.destroy();
  }
  return {
    values: formValues(entries),
    files: (name) =>
      entries.flatMap(([key, value]) =>
        key === name && typeof value !== "string" && value.bytes.byteLength > 0 ? [value] : [],
      ),
  };
}

/** A part's bytes in one array of its own (offset 0, as `new Uint8Array(await file.arrayBuffer())` gave them). */
function joined(part: Part): Uint8Array {
  const bytes = new Uint8Array(part.size);
  let offset = 0;
  for (const chunk of part.chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

type Part = {
  name: string;
  /** Handed to onFileStart (files) and checked for its name. */
  started: boolean;
  /** All its bytes have arrived. */
  ended: boolean;
  filename: string | undefined;
  mimeType: string;
  isFile: boolean;
  chunks: Buffer[];
  size: number;
};

/** A form that is not multipart: read whole (server.ts refuses such bodies over 1 MB), same checks. */
async function readSmallForm(request: Request, limits: MultipartLimits, hooks: MultipartHooks) {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw badRequest();
  }
  const entries: [string, string][] = [];
  let textTotal = 0;
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") throw badRequest();
    if (!isCleanText(name) || !isCleanText(value)) throw invalidCharacters();
    const bytes = Buffer.byteLength(value);
    textTotal += bytes;
    if (bytes > limits.fieldBytes) throw new FormLimitError(413, "errors.fieldTooLarge", "fieldBytes");
    if (textTotal > limits.textBytes) throw new FormLimitError(413, "errors.formTooLarge", "textBytes");
    if (entries.push([name, value]) > limits.fields) throw new FormLimitError(413, "errors.formTooLarge", "fields");
    await hooks.onField?.(name, value);
  }
  return { values: formValues(entries), files: () => [] };
}

/**
 * A form's values by name, as readForm has always given them: a name's first value (undefined
 * for a file); fields named `x[]` become arrays of their non-empty text values.
 */
function formValues(entries: [string, string | Upload][]): Record<string, unknown> {
  const byName = new Map<string, (string | Upload)[]>();
  for (const [key, value] of entries) {
    const list = byName.get(key);
    if (list) list.push(value);
    else byName.set(key, [value]);
  }
  const values: Record<string, unknown> = {};
  for (const [key, list] of byName) {
    if (key.endsWith("[]")) {
      values[key.slice(0, -2)] = list.filter((value) => typeof value === "string" && value !== "");
    } else {
      values[key] = typeof list[0] === "string" ? list[0] : undefined;
    }
  }
  return values;
}
