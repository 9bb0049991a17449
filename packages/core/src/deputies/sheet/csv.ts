/**
 * A small RFC 4180 reader: comma-separated fields, double-quoted fields holding commas,
 * line breaks and doubled quotes (""), records ended by CRLF, LF or a lone CR. It is
 * lenient where Excel is: a quote inside an unquoted field is kept as text, text after
 * a closing quote is appended, and an unterminated quote runs to the end of the input.
 * Tab-separated text (Excel's "Unicode text") reads the same with `delimiter` "\t".
 * Yields each record with its 1-based record number (what a spreadsheet shows as the row).
 */
export function* readCsvRecords(text: string, delimiter = ","): Generator<{ record: number; fields: string[] }> {
  let record = 1;
  let fields: string[] = [];
  let field = "";
  let i = 0;
  const n = text.length;
  // A final line break does not start another (empty) record.
  const end = text.endsWith("\r\n") ? n - 2 : text.endsWith("\n") || text.endsWith("\r") ? n - 1 : n;
  if (end <= 0) return;
  while (i < end) {
    const c = text[i];
    if (c === '"' && field === "") {
      // A quoted field (or the quoted part of one): up to the next lone quote.
      i++;
      while (i < n) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          field += text.slice(i);
          i = n;
          break;
        }
        field += text.slice(i, q);
        if (text[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else if (c === delimiter) {
      fields.push(field);
      field = "";
      i++;
    } else if (c === "\r" || c === "\n") {
      fields.push(field);
      yield { record, fields };
      record++;
      fields = [];
      field = "";
      i += c === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      // Plain text up to the next delimiter.
      let j = i + 1;
      while (j < end) {
        const d = text[j];
        if (d === delimiter || d === "\r" || d === "\n") break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
    }
  }
  fields.push(field);
  yield { record, fields };
}

/**
 * The text of CSV bytes: UTF-8 (with or without a BOM), UTF-16 with a BOM, or else
 * GB18030 (what Excel on Chinese Windows saves as "CSV").
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** "\t" when the first line has tabs but no commas (Excel's "Unicode text" export), else ",". */
export function guessDelimiter(text: string): "," | "\t" {
  const firstLine = text.slice(0, 4096).split(/\r?\n|\r/, 1)[0] ?? "";
  return firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
}
