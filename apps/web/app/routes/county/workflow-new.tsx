import { Button, Group, Paper, Radio, Stack, Text, TextInput } from "@mantine/core";
import { createWorkflow } from "@rdlink/core/workflows/create-workflow";
import { getDatabase } from "@rdlink/db";
import { EMPTY_TEMPLATE, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Form, redirect, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { failureResponse, readForm } from "~/lib/actions.server";
import { requirePermission } from "~/lib/auth.server";
import { useFormErrors } from "~/lib/form-errors";
import type { Route } from "./+types/workflow-new";

export function loader({ request, context }: Route.LoaderArgs) {
  requirePermission(request, context, "tenant.workflows.manage");
  return {
    templates: WORKFLOW_TEMPLATES.map((t) => ({
      key: t.key,
      name: t.name,
      states: Object.keys(t.states).length,
    })),
  };
}

export async function action({ request, context }: Route.ActionArgs) {
  const { actor, ctx } = requirePermission(request, context, "tenant.workflows.manage");
  const form = await readForm(request);
  try {
    const created = await getDatabase().withTenant(actor.tenantId!, (tx) => createWorkflow(tx, ctx, form));
    return redirect(`/county/workflows/${created.id}`);
  } catch (error) {
    return failureResponse(error);
  }
}

export default function NewWorkflow({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const errors = useFormErrors(actionData);
  const busy = useNavigation().state === "submitting";
  const [template, setTemplate] = useState(loaderData.templates[0]?.key ?? EMPTY_TEMPLATE);
  const [name, setName] = useState(loaderData.templates[0]?.name["zh-CN"] ?? "");
  const language = i18n.language === "en" ? "en" : "zh-CN";
  const choose = (key: string) => {
    setTemplate(key);
    const chosen = loaderData.templates.find((tpl) => tpl.key === key);
    setName(chosen ? chosen.name["zh-CN"] : "");
  };
  return (
    <>
      <PageHeader title={t("workflows.newTitle")} intro={t("workflows.newIntro")} />
      <Paper withBorder p="md" maw={640}>
        <Form method="post">
          <Stack>
            <Radio.Group
              name="template"
              label={t("workflows.startFrom")}
              value={template}
              onChange={choose}
              error={errors.field("template")}
            >
              <Stack gap="xs" mt="xs">
                {loaderData.templates.map((tpl) => (
                  <Radio
                    key={tpl.key}
                    value={tpl.key}
                    label={tpl.name[language] ?? tpl.name["zh-CN"]}
                    description={t("workflows.templateStates", { count: tpl.states })}
                  />
                ))}
                <Radio value={EMPTY_TEMPLATE} label={t("workflows.emptyTemplate")} />
              </Stack>
            </Radio.Group>
            <TextInput
              name="name"
              label={t("workflows.name")}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={errors.field("name")}
              required
            />
            {errors.form && (
              <Text c="red" role="alert">
                {errors.form}
              </Text>
            )}
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t("common.create")}
              </Button>
            </Group>
          </Stack>
        </Form>
      </Paper>
    </>
  );
}
