import { Badge, Box, Button, Group, Loader, Modal } from "@mantine/core";
import { useDisclosure, useMediaQuery } from "@mantine/hooks";
import { lazy, Suspense } from "react";
import type { DrawnWorkflow } from "~/designer/ui/workflow-diff-view.client";
import { useTranslation } from "~/lib/use-translation";

// React Flow draws in the browser only, and only once someone opens a drawing.
const WorkflowDiffView = lazy(() => import("~/designer/ui/workflow-diff-view.client"));

/** As the designer's canvas marks them. */
const DRAWING_COLOR = { added: "green", changed: "orange", removed: "red" } as const;

/** A button that opens `after` drawn on the designer's canvas, each change against `before` marked. */
export function DrawingComparison({
  title,
  before,
  after,
}: {
  title: string;
  before: DrawnWorkflow;
  after: DrawnWorkflow;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const phone = useMediaQuery("(max-width: 48em)") ?? false;
  return (
    <>
      <Button variant="light" size="xs" mt="xs" onClick={open}>
        {t("templates.showDrawing")}
      </Button>
      <Modal opened={opened} onClose={close} title={title} size="90%" fullScreen={phone}>
        <Group gap="xs" mb="xs">
          {(["added", "changed", "removed"] as const).map((change) => (
            <Badge key={change} color={DRAWING_COLOR[change]} variant="light">
              {t(`templates.drawingLegend.${change}`)}
            </Badge>
          ))}
        </Group>
        <Box h={phone ? "calc(100dvh - 120px)" : "70dvh"} data-testid="workflow-drawing">
          <Suspense fallback={<Loader size="sm" />}>
            <WorkflowDiffView before={before} after={after} />
          </Suspense>
        </Box>
      </Modal>
    </>
  );
}
