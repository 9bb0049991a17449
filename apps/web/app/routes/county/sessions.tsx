import { Anchor, Button, Modal, Stack, Table, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { createSession } from "@rdlink/core/suggestions/create-session";
import { listSessions } from "@rdlink/core/suggestions/list-sessions";
import { IconPlus } from "@tabler/icons-react";
import { Link, redirect, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { ListTable } from "~/components/list-table";
import { PageHeader } from "~/components/page-header";
import { SessionFields } from "~/components/session-fields";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/sessions";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, listSessions, "tenant.sessions.manage");
}

/** 新建会议: then on to its page, where its suggestions are entered or imported. */
export function action(args: Route.ActionArgs) {
  return countyAction(
    args,
    async (county) => {
      const form = await county.form();
      const session = await county.inTenant((tx, ctx) => createSession(tx, ctx, form));
      return redirect(`/county/sessions/${session.id}`);
    },
    "tenant.sessions.manage",
  );
}

function NewSessionModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <Modal opened onClose={onClose} title={t("sessions.new")} centered>
      <fetcher.Form method="post">
        <Stack>
          {errors.form && <Text c="red">{errors.form}</Text>}
          <SessionFields errors={errors} />
          <FormActions onCancel={onClose} submitLabel={t("common.create")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** The county's congress sessions, the latest first, with how many suggestions each has. */
export default function Sessions({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [creating, create] = useDisclosure();
  return (
    <>
      <PageHeader
        title={t("sessions.title")}
        intro={t("sessions.intro")}
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
            {t("sessions.new")}
          </Button>
        }
      />
      <ListTable
        minWidth={560}
        data-testid="sessions"
        empty={t("sessions.empty")}
        paging={{ total: loaderData.length, page: 1, pageSize: Math.max(loaderData.length, 1) }}
        head={
          <>
            <Table.Th>{t("sessions.name")}</Table.Th>
            <Table.Th>{t("sessions.dates")}</Table.Th>
            <Table.Th ta="right">{t("sessions.suggestionCount")}</Table.Th>
          </>
        }
      >
        {loaderData.map((session) => (
          <Table.Tr key={session.id}>
            <Table.Td>
              <Anchor component={Link} to={`/county/sessions/${session.id}`} fw={600}>
                {session.name}
              </Anchor>
            </Table.Td>
            <Table.Td>
              {session.opensOn} – {session.closesOn}
            </Table.Td>
            <Table.Td ta="right">{session.suggestions}</Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {creating && <NewSessionModal onClose={create.close} />}
    </>
  );
}
