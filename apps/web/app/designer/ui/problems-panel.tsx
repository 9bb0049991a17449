import { Alert, Badge, Group, NavLink, Stack, Text } from "@mantine/core";
import type { TWorkflowDefinition } from "@rdlink/workflow";
import { useTranslation } from "react-i18next";
import { type Problem, placeText } from "../issues";

/** Every error and warning, in the user's language; clicking one selects its element. */
export function ProblemsPanel({
  problems,
  definition,
  onSelect,
}: {
  problems: Problem[];
  definition: TWorkflowDefinition;
  onSelect: (problem: Problem) => void;
}) {
  const { t } = useTranslation();
  const tr = t as (key: string, values?: Record<string, unknown>) => string;
  if (problems.length === 0) {
    return (
      <Alert color="green" data-testid="no-problems">
        {t("designer.problems.none")}
      </Alert>
    );
  }
  const where = (problem: Problem) => placeText(tr, definition, problem.path);
  return (
    <Stack gap={2} data-testid="problems">
      {problems.map((problem) => (
        <NavLink
          key={`${problem.severity}:${problem.path}:${problem.code}`}
          onClick={() => onSelect(problem)}
          label={
            <Group gap={6} wrap="nowrap">
              <Badge size="xs" color={problem.severity === "error" ? "red" : "yellow"}>
                {tr(`designer.problems.${problem.severity}`)}
              </Badge>
              <Text size="sm" fw={600} lineClamp={2}>
                {where(problem)}
              </Text>
            </Group>
          }
          description={tr(`designer.issues.${problem.code}`)}
        />
      ))}
    </Stack>
  );
}
