import { Badge, Button, Group, Modal, MultiSelect, Paper, Stack, Table, Text, TextInput } from "@mantine/core";
import { createTeam } from "@rdlink/core/teams/create-team";
import { listTeams } from "@rdlink/core/teams/list-teams";
import { updateTeam } from "@rdlink/core/teams/update-team";
import { listUsers } from "@rdlink/core/users/list-users";
import { useEffect, useState } from "react";
import { useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { PageHeader } from "~/components/page-header";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/teams";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => {
      // One entry per person: listUsers has a row per role.
      const people = new Map<string, { value: string; label: string }>();
      for (const user of await listUsers(tx, ctx)) {
        if (!user.disabled) people.set(user.userId, { value: user.userId, label: user.displayName });
      }
      return { teams: await listTeams(tx, ctx), people: [...people.values()] };
    },
    "tenant.teams.manage",
  );
}

export function action(args: Route.ActionArgs) {
  return intentAction(
    args,
    {
      create: (tx, ctx, form) => createTeam(tx, ctx, form),
      update: (tx, ctx, form) => updateTeam(tx, ctx, form),
    },
    "tenant.teams.manage",
  );
}

type Team = Route.ComponentProps["loaderData"]["teams"][number];
type Person = { value: string; label: string };

function TeamModal({ team, people, onClose }: { team: Team | null; people: Person[]; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok) onClose();
  }, [fetcher.state, fetcher.data, onClose]);
  return (
    <Modal opened onClose={onClose} title={team ? t("teams.edit") : t("teams.create")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value={team ? "update" : "create"} />
          {team && <input type="hidden" name="teamId" value={team.id} />}
          {errors.form && <Text c="red">{errors.form}</Text>}
          <TextInput
            name="name"
            label={t("teams.name")}
            description={t("teams.nameHint")}
            defaultValue={team?.name}
            required
            error={errors.field("name")}
            data-autofocus
          />
          <MultiSelect
            name="memberIds"
            label={t("teams.members")}
            description={t("teams.membersHint")}
            data={people}
            defaultValue={team?.members.map((m) => m.userId)}
            searchable
            error={errors.field("memberIds")}
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

export default function Teams({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { teams, people } = loaderData;
  const [editing, setEditing] = useState<Team | "new" | null>(null);
  return (
    <>
      <PageHeader
        title={t("teams.title")}
        intro={t("teams.intro")}
        actions={<Button onClick={() => setEditing("new")}>{t("teams.create")}</Button>}
      />
      {teams.length === 0 ? (
        <Paper withBorder p="lg">
          <Text c="dimmed">{t("teams.empty")}</Text>
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing="sm" data-testid="teams">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("teams.name")}</Table.Th>
                  <Table.Th>{t("teams.members")}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {teams.map((team) => (
                  <Table.Tr key={team.id}>
                    <Table.Td fw={600}>{team.name}</Table.Td>
                    <Table.Td>
                      {team.members.length === 0 ? (
                        <Text size="sm" c="orange">
                          {t("teams.noMembers")}
                        </Text>
                      ) : (
                        <Group gap={4}>
                          {team.members.map((member) => (
                            <Badge key={member.userId} variant="light" color="gray">
                              {member.displayName}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button size="compact-sm" variant="subtle" onClick={() => setEditing(team)}>
                        {t("teams.edit")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {editing && (
        <TeamModal team={editing === "new" ? null : editing} people={people} onClose={() => setEditing(null)} />
      )}
    </>
  );
}
