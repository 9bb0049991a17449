import mammoth from "mammoth";
import { ValidationError } from "../shared/errors";

/** A .docx is at most this large (a draft with its 说明 is well under 1 MB). */
export const MAX_DRAFT_FILE_BYTES = 10 * 1024 * 1024;

/**
 * The text of an uploaded draft. Only Word's .docx (a zip with word/document.xml) is read,
 * with mammoth; a .doc, a PDF or anything else is refused with a message saying so rather
 * than read as garbage.
 */
export async function readDraftFile(file: { name: string; bytes: Uint8Array }): Promise<string> {
  if (file.bytes.byteLength > MAX_DRAFT_FILE_BYTES)
    throw new ValidationError({ file: "consultations.errors.fileTooLarge" });
  const isZip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
  if (!/\.docx$/i.test(file.name) || !isZip) throw new ValidationError({ file: "consultations.errors.notDocx" });
  try {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(file.bytes) });
    return value;
  } catch {
    // A zip that is not a Word document (a renamed .xlsx, a broken file).
    throw new ValidationError({ file: "consultations.errors.notDocx" });
  }
}
