import { Anchor } from "@mantine/core";
import { findSession } from "@rdlink/core/suggestions/get-session";
import { importSuggestions } from "@rdlink/core/suggestions/import-suggestions";
import { Link } from "react-router";
import { PageHeader } from "~/components/page-header";
import { SheetImportForm } from "~/components/sheet-import-form";
import { countyLoader } from "~/lib/county-route.server";
import { sheetImportAction } from "~/lib/sheet-import.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/session-import";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => {
      const session = await findSession(tx, ctx, args.params.sessionId);
      return { id: session.id, name: session.name };
    },
    "tenant.sessions.manage",
  );
}

/** Checks the session's list of suggestions or imports it, all or nothing, as the deputies' import does. */
export function action(args: Route.ActionArgs) {
  return sheetImportAction(args, "tenant.sessions.manage", (tx, ctx, file, options) =>
    importSuggestions(tx, ctx, args.params.sessionId, file, options),
  );
}

export default function SessionImport({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const sessionUrl = `/county/sessions/${loaderData.id}`;
  return (
    <>
      <Anchor component={Link} to={sessionUrl} size="sm">
        ← {loaderData.name}
      </Anchor>
      <PageHeader title={t("sessions.importTitle")} intro={t("sessions.importIntro")} />
      <SheetImportForm
        ns="sessions"
        maw={900}
        columnLabel={(field) => (t as (key: string) => string)(`sessions.columns.${field}`)}
        done={{ to: sessionUrl, label: loaderData.name }}
      />
    </>
  );
}
