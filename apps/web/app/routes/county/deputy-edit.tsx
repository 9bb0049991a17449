import { Anchor } from "@mantine/core";
import { getDeputy } from "@rdlink/core/deputies/get-deputy";
import { getDeputyFormOptions } from "@rdlink/core/deputies/get-deputy-form-options";
import { updateDeputy } from "@rdlink/core/deputies/update-deputy";
import { getDatabase } from "@rdlink/db";
import { useTranslation } from "react-i18next";
import { Link, redirect } from "react-router";
import { DeputyForm } from "~/components/deputy-form";
import { PageHeader } from "~/components/page-header";
import { failureResponse, loadOr404, readForm } from "~/lib/actions.server";
import { notFound, requireCountyUser } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/deputy-edit";

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const loaded = await loadOr404(() =>
    getDatabase().withTenant(tenantId, async (tx) => {
      const page = await getDeputy(tx, ctx, params.deputyId);
      return page.canManage ? { deputy: page.deputy, options: await getDeputyFormOptions(tx, ctx) } : null;
    }),
  );
  if (!loaded) throw notFound();
  return loaded;
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { tenantId, ctx } = requireCountyUser(request, context);
  const form = await readForm(request);
  try {
    await getDatabase().withTenant(tenantId, (tx) => updateDeputy(tx, ctx, { ...form, deputyId: params.deputyId }));
    return redirect(form.archived === "on" ? "/county/deputies" : `/county/deputies/${params.deputyId}`);
  } catch (error) {
    return failureResponse(error);
  }
}

export default function DeputyEdit({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { deputy, options } = loaderData;
  return (
    <>
      <Anchor component={Link} to={`/county/deputies/${deputy.id}`} size="sm">
        ← {deputy.name}
      </Anchor>
      <PageHeader title={t("deputies.edit")} />
      <DeputyForm options={options} deputy={deputy} errors={useFormErrors(actionData)} submitLabel={t("common.save")} />
    </>
  );
}
