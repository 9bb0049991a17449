import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Form, Link, useFetcher } from "react-router";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import type { loadTownshipExtras } from "~/lib/communities.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import { FormActions } from "./form-actions";

type Community = Awaited<ReturnType<typeof loadTownshipExtras>>["communityRows"][number];

function CommunityModal({ community, onClose }: { community?: Community; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: true }>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  return (
    <Modal opened onClose={onClose} title={community ? t("common.rename") : t("communities.add")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value={community ? "rename" : "add"} />
          {community && <input type="hidden" name="id" value={community.id} />}
          {errors.form && <Text c="red">{errors.form}</Text>}
          <TextInput
            name="name"
            label={t("communities.name")}
            defaultValue={community?.name}
            required
            error={errors.field("name")}
            data-autofocus
          />
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

/** A township's villages and communities (村/社区) with their grids; its operator and the admin keep them. */
export function CommunitiesSection({ communities, canManage }: { communities: Community[]; canManage: boolean }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<{ community?: Community } | null>(null);
  return (
    <Paper withBorder>
      <Group justify="space-between" p="md" pb={0}>
        <Title order={4}>{t("communities.title")}</Title>
        {canManage && (
          <Button size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => setDialog({})}>
            {t("communities.add")}
          </Button>
        )}
      </Group>
      {communities.length === 0 ? (
        <Text c="dimmed" p="md">
          {t("communities.empty")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs" data-testid="communities">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("communities.name")}</Table.Th>
                <Table.Th>{t("communities.divisionCode")}</Table.Th>
                <Table.Th>{t("communities.gridCount")}</Table.Th>
                {canManage && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {communities.map((community) => (
                <Table.Tr key={community.id} data-testid={`community-${community.name}`}>
                  <Table.Td>
                    <Group gap="xs">
                      {community.name}
                      {community.archived && (
                        <Badge color="gray" variant="light" size="sm">
                          {t("common.archived")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ff="monospace" c="dimmed" fz="sm">
                    {community.divisionCode ?? t("communities.manual")}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/county/grids?community=${community.id}`} size="sm">
                      {community.gridCount}
                    </Anchor>
                  </Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" onClick={() => setDialog({ community })}>
                          {t("common.rename")}
                        </Button>
                        <Form method="post">
                          <input type="hidden" name="id" value={community.id} />
                          <Button
                            type="submit"
                            name="intent"
                            value={community.archived ? "restore" : "archive"}
                            size="compact-xs"
                            variant="subtle"
                            color="gray"
                          >
                            {community.archived ? t("common.restore") : t("common.archive")}
                          </Button>
                        </Form>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {dialog && <CommunityModal community={dialog.community} onClose={() => setDialog(null)} />}
    </Paper>
  );
}
