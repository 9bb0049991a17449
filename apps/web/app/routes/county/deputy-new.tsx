import { createDeputy } from "@rdlink/core/deputies/create-deputy";
import { getDeputyFormOptions } from "@rdlink/core/deputies/get-deputy-form-options";
import { redirect } from "react-router";
import { DeputyForm } from "~/components/deputy-form";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputy-new";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, getDeputyFormOptions);
}

export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const form = await county.form();
    const deputy = await county.inTenant((tx, ctx) => createDeputy(tx, ctx, form));
    return redirect(`/county/deputies/${deputy.id}`);
  });
}

export default function DeputyNew({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("deputies.new")} />
      <DeputyForm options={loaderData} errors={useFormErrors(actionData)} submitLabel={t("common.create")} />
    </>
  );
}
