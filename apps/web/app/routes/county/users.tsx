import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { listHandlingUnits } from "@rdlink/core/handling-units/list-handling-units";
import { ValidationError } from "@rdlink/core/shared/errors";
import { reissueInvitation } from "@rdlink/core/tenants/reissue-invitation";
import { listTownships } from "@rdlink/core/townships/list-townships";
import { inviteUser } from "@rdlink/core/users/invite-user";
import { issuePasswordReset } from "@rdlink/core/users/issue-password-reset";
import { listUsers } from "@rdlink/core/users/list-users";
import { setUserDisabled } from "@rdlink/core/users/set-user-disabled";
import { roles, type TRole } from "@rdlink/vocabulary/roles";
import { IconUserPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { InvitationLink } from "~/components/invitation-link";
import { PageHeader } from "~/components/page-header";
import { readForm } from "~/lib/actions.server";
import { countyAction, countyLoader } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { invitationUrl } from "~/lib/urls";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/users";

const TOWNSHIP_SCOPED_ROLES: string[] = ["township_operator", "station_liaison"];

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => ({
    users: await listUsers(tx, ctx),
    townships: (await listTownships(tx, ctx, { pageSize: 200 })).rows.map((t) => ({ value: t.id, label: t.name })),
    units: (await listHandlingUnits(tx, ctx, { pageSize: 200 })).rows.map((u) => ({ value: u.id, label: u.name })),
  }));
}

/** Invite and reissue answer with the invitation link to hand over; an unknown intent is a 400. */
export function action(args: Route.ActionArgs) {
  return countyAction(args, async (county) => {
    const { intent, ...form } = await readForm(county.request);
    const token = await county.inTenant(async (tx, ctx) => {
      switch (intent) {
        case "invite": {
          // MultiSelect submits its values comma-joined in one field.
          const townshipIds = typeof form.townshipIds === "string" ? form.townshipIds.split(",").filter(Boolean) : [];
          return (await inviteUser(tx, ctx, { ...form, townshipIds })).invitationToken;
        }
        case "reissue":
          return reissueInvitation(tx, ctx, form.userId);
        case "resetPassword":
          return issuePasswordReset(tx, ctx, form.userId);
        case "disable":
        case "enable":
          await setUserDisabled(tx, ctx, { userId: form.userId, disabled: intent === "disable" });
          return null;
        default:
          throw new ValidationError({}, "errors.unknownIntent");
      }
    });
    return { ok: true as const, invitationUrl: token ? invitationUrl(county.request, token) : null };
  });
}

type Option = { value: string; label: string };

function InviteModal({ townships, units, onClose }: { townships: Option[]; units: Option[]; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  const [role, setRole] = useState<string | null>("township_operator");
  const roleOptions = roles.map((r) => ({ value: r, label: t(`roles.${r}`) }));
  return (
    <Modal opened onClose={onClose} title={t("county.inviteUser")} centered size="lg">
      {fetcher.data?.ok && fetcher.data.invitationUrl ? (
        <Stack>
          <InvitationLink url={fetcher.data.invitationUrl} invitedRole={(role ?? "township_operator") as TRole} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t("common.back")}</Button>
          </Group>
        </Stack>
      ) : (
        <fetcher.Form method="post">
          <Stack>
            <input type="hidden" name="intent" value="invite" />
            {errors.form && <Text c="red">{errors.form}</Text>}
            <TextInput
              name="username"
              label={t("county.username")}
              description={t("platform.adminUsernameHint")}
              required
              error={errors.field("username")}
              data-autofocus
            />
            <TextInput
              name="displayName"
              label={t("county.displayName")}
              required
              error={errors.field("displayName")}
            />
            <Select
              name="role"
              label={t("county.role")}
              data={roleOptions}
              value={role}
              onChange={setRole}
              required
              error={errors.field("role")}
            />
            {role && TOWNSHIP_SCOPED_ROLES.includes(role) && (
              <MultiSelect
                name="townshipIds"
                label={t("county.townshipScope")}
                description={t("county.townshipScopeHint")}
                data={townships}
                searchable
                error={errors.field("townshipIds")}
              />
            )}
            {role === "handling_unit_responder" && (
              <Select
                name="handlingUnitId"
                label={t("handlingUnits.pickUnit")}
                data={units}
                searchable
                required
                error={errors.field("handlingUnitId")}
              />
            )}
            <FormActions onCancel={onClose} submitLabel={t("county.inviteUser")} busy={fetcher.state !== "idle"} />
          </Stack>
        </fetcher.Form>
      )}
    </Modal>
  );
}

function DisableButton({ userId, disabled }: { userId: string; disabled: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="userId" value={userId} />
      <Button
        type="submit"
        name="intent"
        value={disabled ? "enable" : "disable"}
        size="compact-sm"
        variant="subtle"
        color={disabled ? "green" : "gray"}
        loading={fetcher.state !== "idle"}
      >
        {disabled ? t("county.enableUser") : t("county.disableUser")}
      </Button>
      {errors.form && (
        <Text size="xs" c="red">
          {errors.form}
        </Text>
      )}
    </fetcher.Form>
  );
}

/** 重设密码链接: for a user who forgot their password (audited); the link works like an invitation. */
function ResetPasswordButton({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  if (fetcher.data?.ok && fetcher.data.invitationUrl) {
    return (
      <Alert color="green" title={t("county.resetLink")} data-testid="reset-link">
        <Text size="sm">{t("county.resetLinkHint")}</Text>
        <Code block>{fetcher.data.invitationUrl}</Code>
      </Alert>
    );
  }
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="resetPassword" />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" size="compact-sm" variant="subtle" loading={fetcher.state !== "idle"}>
        {t("county.resetPassword")}
      </Button>
    </fetcher.Form>
  );
}

function ReissueButton({ userId, role }: { userId: string; role: TRole }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  if (fetcher.data?.ok && fetcher.data.invitationUrl) {
    return <InvitationLink url={fetcher.data.invitationUrl} invitedRole={role} />;
  }
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="reissue" />
      <input type="hidden" name="userId" value={userId} />
      <Button type="submit" size="compact-sm" variant="subtle" loading={fetcher.state !== "idle"}>
        {t("platform.reissueInvitation")}
      </Button>
    </fetcher.Form>
  );
}

export default function Users({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [inviting, invite] = useDisclosure();
  const { users, townships, units } = loaderData;
  return (
    <>
      <PageHeader
        title={t("county.usersTitle")}
        actions={
          <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open}>
            {t("county.inviteUser")}
          </Button>
        }
      />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={720}>
          <Table striped verticalSpacing="sm" data-testid="users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("county.displayName")}</Table.Th>
                <Table.Th>{t("county.username")}</Table.Th>
                <Table.Th>{t("county.role")}</Table.Th>
                <Table.Th>{t("county.townshipScope")}</Table.Th>
                <Table.Th>{t("common.status")}</Table.Th>
                <Table.Th>{t("common.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.map((user) => (
                <Table.Tr key={`${user.userId}-${user.role}`}>
                  <Table.Td fw={600}>{user.displayName}</Table.Td>
                  <Table.Td ff="monospace">{user.username}</Table.Td>
                  <Table.Td>
                    {t(`roles.${user.role as (typeof roles)[number]}`)}
                    {user.handlingUnitName && ` · ${user.handlingUnitName}`}
                  </Table.Td>
                  <Table.Td>{user.townships.join("、") || "—"}</Table.Td>
                  <Table.Td>
                    {user.disabled ? (
                      <Badge color="gray">{t("county.userDisabled")}</Badge>
                    ) : user.activated ? (
                      <Group gap="xs">
                        <Badge color="green" variant="light">
                          {t("county.userActivated")}
                        </Badge>
                        <ResetPasswordButton userId={user.userId} />
                      </Group>
                    ) : (
                      <Group gap="xs">
                        <Badge color="yellow" variant="light">
                          {t("county.userPending")}
                        </Badge>
                        <ReissueButton userId={user.userId} role={user.role as TRole} />
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <DisableButton userId={user.userId} disabled={user.disabled} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {inviting && <InviteModal townships={townships} units={units} onClose={invite.close} />}
    </>
  );
}
