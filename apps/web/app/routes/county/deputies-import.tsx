import { Anchor } from "@mantine/core";
import { importDeputies } from "@rdlink/core/deputies/import-deputies";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { SheetImportForm } from "~/components/sheet-import-form";
import { countyRequest } from "~/lib/county-route.server";
import { sheetImportAction } from "~/lib/sheet-import.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputies-import";

export function loader(args: Route.LoaderArgs) {
  countyRequest(args, "tenant.deputies.import");
  return null;
}

/** Checks the directory's sheet or imports it, all or nothing. */
export function action(args: Route.ActionArgs) {
  return sheetImportAction(args, "tenant.deputies.import", (tx, ctx, file, options) =>
    importDeputies(tx, ctx, file, options),
  );
}

export default function DeputiesImport() {
  const { t } = useTranslation();
  return (
    <>
      <Anchor component={Link} to="/county/deputies" size="sm">
        ← {t("deputies.title")}
      </Anchor>
      <PageHeader title={t("deputies.importTitle")} intro={t("deputies.importIntro")} />
      <SheetImportForm
        ns="deputies"
        maw={860}
        columnLabel={(name) => t(`deputies.columns.${name}`, { defaultValue: name })}
        done={{ to: "/county/deputies", label: t("deputies.title") }}
      >
        <Anchor href="/county/deputies/export?template=1" download size="sm">
          {t("deputies.importTemplate")}
        </Anchor>
      </SheetImportForm>
    </>
  );
}
