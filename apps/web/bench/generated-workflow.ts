import type { TWorkflowDefinitionInput } from "@rdlink/workflow";

/**
 * A valid definition of `states` states and exactly `transitions` transitions for the
 * benchmark: a chain of tasks to one final state, each task also jumping two ahead (or back
 * to the start), and the first tasks a third way, until the count is reached.
 */
export function generatedWorkflow(states = 150, transitions = 300): TWorkflowDefinitionInput {
  const id = (i: number) => `s${i}`;
  const last = states - 1;
  const definition: TWorkflowDefinitionInput = {
    schemaVersion: 1,
    key: "bench",
    name: { "zh-CN": `性能测试流程（${states} 个环节）` },
    entry: { staff: { roles: ["county_admin"] } },
    initial: id(0),
    states: {},
  };
  let count = 0;
  for (let i = 0; i < states; i++) {
    if (i === last) {
      definition.states[id(i)] = { label: { "zh-CN": `结束 ${i}` }, kind: "final" };
      continue;
    }
    const targets = [i + 1, i + 2 <= last ? i + 2 : 0];
    count += 2;
    definition.states[id(i)] = {
      label: { "zh-CN": `环节 ${i}` },
      kind: "task",
      assignee: { role: "county_admin", scope: "county" },
      deadlines: [
        {
          id: "due",
          label: { "zh-CN": "时限" },
          duration: { amount: 5, unit: "workingDays" },
          ladder: [
            { id: "due", label: { "zh-CN": "到期" }, atPercent: 100, notify: { to: "assignee", template: "x" } },
          ],
        },
      ],
      transitions: targets.map((target, n) => ({
        event: `GO_${n}`,
        label: { "zh-CN": `去 ${target}` },
        target: id(target),
        roles: ["county_admin"],
      })),
    };
  }
  for (let i = 0; count < transitions; i++, count++) {
    definition.states[id(i)]!.transitions!.push({
      event: "BACK",
      label: { "zh-CN": "退回" },
      target: id(Math.max(0, i - 1)),
      roles: ["county_admin"],
    });
  }
  return definition;
}
