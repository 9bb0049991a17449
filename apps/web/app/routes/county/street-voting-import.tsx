import { Anchor } from "@mantine/core";
import { importRepresentatives } from "@rdlink/core/voting/import-representatives";
import { streetOf } from "@rdlink/core/voting/street-of";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { SheetImportForm } from "~/components/sheet-import-form";
import { countyLoader } from "~/lib/county-route.server";
import { sheetImportAction } from "~/lib/sheet-import.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/street-voting-import";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, (tx, ctx) => streetOf(tx, ctx, args.params.townshipId), "tenant.voting.manage");
}

/** Checks a street's roster of 选民代表 or imports it, all or nothing, as the deputies' import does. */
export function action(args: Route.ActionArgs) {
  return sheetImportAction(args, "tenant.voting.manage", (tx, ctx, file, options) =>
    importRepresentatives(tx, ctx, args.params.townshipId, file, options),
  );
}

export default function StreetVotingImport({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const back = `/county/townships/${loaderData.id}/voting`;
  return (
    <>
      <Anchor component={Link} to={back} size="sm">
        ← {loaderData.name}
      </Anchor>
      <PageHeader title={t("voting.importTitle")} intro={t("voting.importIntro")} />
      <SheetImportForm
        ns="voting"
        maw={900}
        columnLabel={(field) => (t as (key: string) => string)(`voting.columns.${field}`)}
        done={{ to: back, label: loaderData.name }}
      />
    </>
  );
}
