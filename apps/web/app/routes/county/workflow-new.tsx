import { Button, Group, Paper, Radio, Stack, Text, TextInput } from "@mantine/core";
import { createWorkflow } from "@rdlink/core/workflows/create-workflow";
import { EMPTY_TEMPLATE, WORKFLOW_TEMPLATES } from "@rdlink/workflow";
import { useState } from "react";
import { Form, redirect, useNavigation } from "react-router";
import { PageHeader } from "~/components/page-header";
import { countyAction, countyRequest } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/workflow-new";

export function loader(args: Route.LoaderArgs) {
  countyRequest(args, "tenant.workflows.manage");
  return {
    templates: WORKFLOW_TEMPLATES.map((t) => ({
      key: t.key,
      name: t.name,
      states: Object.keys(t.states).length,
    })),
  };
}

export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const form = await county.form();
      const created = await county.inTenant((tx, ctx) => createWorkflow(tx, ctx, form));
      return redirect(`/county/workflows/${created.id}`);
    },
    "tenant.workflows.manage",
  );
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
