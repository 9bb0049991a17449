import { Anchor } from "@mantine/core";
import { getDeputy } from "@rdlink/core/deputies/get-deputy";
import { getDeputyFormOptions } from "@rdlink/core/deputies/get-deputy-form-options";
import { updateDeputy } from "@rdlink/core/deputies/update-deputy";
import { Link, redirect } from "react-router";
import { DeputyForm } from "~/components/deputy-form";
import { PageHeader } from "~/components/page-header";
import { notFound } from "~/lib/auth.server";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/deputy-edit";

export async function loader(args: Route.LoaderArgs) {
  const loaded = await countyLoader(args, async (tx, ctx) => {
    const page = await getDeputy(tx, ctx, args.params.deputyId);
    return page.canManage ? { deputy: page.deputy, options: await getDeputyFormOptions(tx, ctx) } : null;
  });
  if (!loaded) throw notFound();
  return loaded;
}

export function action(args: Route.ActionArgs) {
  const { deputyId } = args.params;
  return countyAction(args, async (county) => {
    const form = await county.form();
    await county.inTenant((tx, ctx) => updateDeputy(tx, ctx, { ...form, deputyId }));
    return redirect(form.archived === "on" ? "/county/deputies" : `/county/deputies/${deputyId}`);
  });
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
