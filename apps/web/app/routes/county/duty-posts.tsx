import { ActionIcon, Badge, Button, Group, Modal, Paper, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import { can } from "@rdlink/auth";
import { createDutyPost } from "@rdlink/core/posts/create-duty-post";
import { listDutyPosts } from "@rdlink/core/posts/list-duty-posts";
import { moveDutyPost } from "@rdlink/core/posts/move-duty-post";
import { updateDutyPost } from "@rdlink/core/posts/update-duty-post";
import { IconArrowDown, IconArrowUp, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { Form, useFetcher } from "react-router";
import { FormActions } from "~/components/form-actions";
import { PageHeader } from "~/components/page-header";
import { useCloseOnSuccess } from "~/lib/close-on-success";
import { countyLoader, intentAction } from "~/lib/county-route.server";
import { useFormErrors } from "~/lib/form-errors";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/duty-posts";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(args, async (tx, ctx) => ({
    posts: await listDutyPosts(tx, ctx),
    canManage: can(ctx.actor, "tenant.posts.manage"),
  }));
}

export function action(args: Route.ActionArgs) {
  return intentAction(args, {
    create: (tx, ctx, form) => createDutyPost(tx, ctx, form),
    update: (tx, ctx, form) => updateDutyPost(tx, ctx, form),
    up: (tx, ctx, { postId }) => moveDutyPost(tx, ctx, { postId, direction: "up" }),
    down: (tx, ctx, { postId }) => moveDutyPost(tx, ctx, { postId, direction: "down" }),
  });
}

type Post = Route.ComponentProps["loaderData"]["posts"][number];

function PostModal({ post, onClose }: { post: Post | "new"; onClose: () => void }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof action>();
  const errors = useFormErrors(fetcher.data);
  useCloseOnSuccess(fetcher, onClose);
  const existing = post === "new" ? null : post;
  return (
    <Modal opened onClose={onClose} title={existing ? existing.name : t("posts.new")} centered>
      <fetcher.Form method="post">
        <Stack>
          <input type="hidden" name="intent" value={existing ? "update" : "create"} />
          {existing && <input type="hidden" name="postId" value={existing.id} />}
          <TextInput
            name="name"
            label={t("common.name")}
            defaultValue={existing?.name}
            placeholder="侨务服务岗"
            required
            error={errors.field("name")}
            data-autofocus
          />
          <TextInput
            name="description"
            label={t("posts.description")}
            defaultValue={existing?.description ?? ""}
            error={errors.field("description")}
          />
          {existing && (
            <Switch
              name="archived"
              label={t("posts.archived")}
              description={t("posts.archivedHint")}
              defaultChecked={existing.archivedAt !== null}
            />
          )}
          <FormActions onCancel={onClose} submitLabel={t("common.save")} busy={fetcher.state !== "idle"} />
        </Stack>
      </fetcher.Form>
    </Modal>
  );
}

export default function DutyPosts({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { posts, canManage } = loaderData;
  const [editing, setEditing] = useState<Post | "new" | null>(null);
  return (
    <>
      <PageHeader
        title={t("posts.title")}
        intro={t("posts.intro")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
              {t("posts.new")}
            </Button>
          )
        }
      />
      <Paper withBorder>
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="sm" data-testid="duty-posts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("common.name")}</Table.Th>
                <Table.Th>{t("posts.description")}</Table.Th>
                <Table.Th>{t("posts.offeredAt")}</Table.Th>
                <Table.Th>{t("posts.holders")}</Table.Th>
                {canManage && <Table.Th>{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {posts.map((post, index) => (
                <Table.Tr key={post.id}>
                  <Table.Td fw={600}>
                    <Group gap="xs" wrap="nowrap">
                      {post.name}
                      {post.archivedAt && (
                        <Badge color="gray" variant="light" size="sm">
                          {t("common.archived")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {post.description}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t("posts.stationCount", { count: post.stations })}</Table.Td>
                  <Table.Td>{t("posts.holderCount", { count: post.holders })}</Table.Td>
                  {canManage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Form method="post">
                          <input type="hidden" name="postId" value={post.id} />
                          <ActionIcon
                            type="submit"
                            name="intent"
                            value="up"
                            variant="subtle"
                            disabled={index === 0}
                            aria-label={`${t("common.moveUp")} ${post.name}`}
                          >
                            <IconArrowUp size={16} />
                          </ActionIcon>
                          <ActionIcon
                            type="submit"
                            name="intent"
                            value="down"
                            variant="subtle"
                            disabled={index === posts.length - 1}
                            aria-label={`${t("common.moveDown")} ${post.name}`}
                          >
                            <IconArrowDown size={16} />
                          </ActionIcon>
                        </Form>
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(post)}>
                          {t("common.edit")}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      {editing && <PostModal post={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
