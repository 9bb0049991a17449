import { type TWorkflowDefinition, validateDefinition } from "@rdlink/workflow";
import { useMemo } from "react";
import { collectProblems, type Problem } from "../../issues";
import type { DesignerData } from "../designer-data";

/** The draft checked as publishing will check it, against the county's own teams and handling units. */
export function useValidation(
  definition: TWorkflowDefinition | null,
  teams: DesignerData["teams"],
  units: DesignerData["units"],
) {
  const countyContext = useMemo(
    () => ({ teams: new Set(teams.map((team) => team.key)), handlingUnits: new Set(units.map((unit) => unit.id)) }),
    [teams, units],
  );
  const validation = useMemo(
    () => (definition ? validateDefinition(definition, countyContext) : null),
    [definition, countyContext],
  );
  const { problems, byElement } = useMemo(
    () => (validation ? collectProblems(validation) : { problems: [] as Problem[], byElement: new Map() }),
    [validation],
  );
  const errorCount = problems.filter((p) => p.severity === "error").length;
  return { validation, problems, byElement, errorCount };
}
