import type { Permission } from "@rdlink/auth";
import { SheetFormatError } from "@rdlink/core/deputies/sheet/index";
import type { UseCaseContext } from "@rdlink/core/shared/context";
import { ValidationError } from "@rdlink/core/shared/errors";
import type { TenantTx } from "@rdlink/db";
import { data } from "react-router";
import { readFormWithFiles } from "./actions.server";
import { countyAction } from "./county-route.server";
import { FormLimitError } from "./multipart.server";

type RouteArgs = Parameters<typeof countyAction>[0];
type SheetFile = { name: string; bytes: Uint8Array };

const refused = (field: string, status: number) =>
  data({ ok: false as const, fieldErrors: { file: field } }, { status });

/**
 * A spreadsheet import page's action: checks the sheet (intent "check", writes nothing) or imports
 * it (intent "import", all or nothing). The browser keeps the chosen file, so confirming sends it
 * again. A file over the upload limit is a 413, one that is not the spreadsheet its name says a 415.
 */
export function sheetImportAction<R extends { errors: unknown[] }>(
  args: RouteArgs,
  permission: Permission,
  run: (tx: TenantTx, ctx: UseCaseContext, file: SheetFile, options: { dryRun: boolean }) => Promise<R>,
) {
  return countyAction(
    args,
    async (county) => {
      let form: Awaited<ReturnType<typeof readFormWithFiles>>;
      try {
        // A file over 10 MB stops the upload as soon as it passes the limit.
        form = await readFormWithFiles(county.request);
      } catch (error) {
        if (error instanceof FormLimitError && error.limit === "fileBytes") return refused("errors.fileTooLarge", 413);
        throw error;
      }
      const { intent } = form.values;
      if (intent !== "check" && intent !== "import") throw new ValidationError({}, "errors.unknownIntent");
      const [file] = await form.uploads("file");
      if (!file) return refused("validation.required", 400);
      try {
        const result = await county.inTenant((tx, ctx) =>
          run(tx, ctx, { name: file.filename, bytes: file.bytes }, { dryRun: intent !== "import" }),
        );
        // An import refused for its rows wrote nothing: it is not done, its errors are listed.
        return { ok: true as const, done: intent === "import" && result.errors.length === 0, ...result };
      } catch (error) {
        // A file that is not the spreadsheet its name says is the wrong kind of content, not a bad form.
        if (error instanceof SheetFormatError && error.formError === "errors.sheetFormat") {
          return refused(error.formError, 415);
        }
        throw error;
      }
    },
    permission,
  );
}
