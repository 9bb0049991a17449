import { createDeputy } from "@rdlink/core/deputies/create-deputy";
import { getDeputyFormOptions } from "@rdlink/core/deputies/get-deputy-form-options";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { redirect } from "react-router";
import { DeputyForm } from "~/components/deputy-form";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { requireCountyUser } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/deputy-new";

export async function loader({ request, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  return loadOr404(() => getDatabase().withTenant(tenantId, (tx) => getDeputyFormOptions(tx, ctx)));
}

export async function action({ request, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const form = await readForm(request);
  try {
    const deputy = await getDatabase().withTenant(tenantId, (tx) => createDeputy(tx, ctx, form));
    return redirect(`/county/deputies/${deputy.id}`);
  } catch (error) {
    return failureResponse(error);
  }
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
