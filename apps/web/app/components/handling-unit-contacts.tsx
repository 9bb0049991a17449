import { Button, Group, Paper, Table, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { Form, useFetcher } from "react-router";
import type { FormFailure } from "~/lib/actions.server";
import { useTranslation } from "~/lib/use-translation";
import type { UnitContact } from "./handling-unit-dialogs";

/** A contact's masked number, with a button for those who may reveal it (a deliberate, audited act). */
function ContactPhone({ contact, canReveal }: { contact: UnitContact; canReveal: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ ok: true; phone: string | null } | FormFailure>();
  if (!contact.phone) return <>—</>;
  if (fetcher.data && "phone" in fetcher.data) return <Text ff="monospace">{fetcher.data.phone}</Text>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text ff="monospace">{contact.phone}</Text>
      {canReveal && (
        <fetcher.Form method="post">
          <input type="hidden" name="contactId" value={contact.id} />
          <Button
            type="submit"
            name="intent"
            value="reveal"
            size="compact-xs"
            variant="subtle"
            loading={fetcher.state !== "idle"}
          >
            {t("handlingUnits.reveal")}
          </Button>
        </fetcher.Form>
      )}
    </Group>
  );
}

/** The unit's contact people; whoever manages units adds, edits and removes them here. */
export function UnitContacts({
  contacts,
  canManage,
  canReveal,
  onAdd,
  onEdit,
}: {
  contacts: UnitContact[];
  canManage: boolean;
  canReveal: boolean;
  onAdd: () => void;
  onEdit: (contact: UnitContact) => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder>
      <Group justify="space-between" p="md" pb={0}>
        <Title order={4}>{t("handlingUnits.contacts")}</Title>
        {canManage && (
          <Button size="compact-sm" leftSection={<IconPlus size={14} />} onClick={onAdd}>
            {t("handlingUnits.addContact")}
          </Button>
        )}
      </Group>
      <Table.ScrollContainer minWidth={420}>
        <Table verticalSpacing="sm" data-testid="unit-contacts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("handlingUnits.contactName")}</Table.Th>
              <Table.Th>{t("handlingUnits.contactTitle")}</Table.Th>
              <Table.Th>{t("handlingUnits.contactPhone")}</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td fw={600}>{contact.name}</Table.Td>
                <Table.Td>{contact.title ?? "—"}</Table.Td>
                <Table.Td>
                  <ContactPhone contact={contact} canReveal={canReveal} />
                </Table.Td>
                {canManage && (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="subtle" onClick={() => onEdit(contact)}>
                        {t("common.edit")}
                      </Button>
                      <Form method="post">
                        <input type="hidden" name="contactId" value={contact.id} />
                        <Button
                          type="submit"
                          name="intent"
                          value="removeContact"
                          size="compact-xs"
                          variant="subtle"
                          color="gray"
                          aria-label={`${t("handlingUnits.removeContact")} ${contact.name}`}
                        >
                          {t("handlingUnits.removeContact")}
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
      {contacts.length === 0 && (
        <Text c="dimmed" ta="center" py="md">
          {t("handlingUnits.noContacts")}
        </Text>
      )}
    </Paper>
  );
}
