import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** A PDF's text, without the spaces and line breaks layout puts between its pieces. */
export async function pdfText(pdf: Buffer) {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  let text = "";
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    text += content.items.map((item) => ("str" in item ? item.str : "")).join("");
  }
  return text.replace(/\s+/g, "");
}

export const squeeze = (text: string) => text.replace(/\s+/g, "");
