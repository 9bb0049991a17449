import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { childEnvironment } from "@rdlink/env/knobs";

const run = promisify(execFile);
const CLUSTER_SCRIPT = fileURLToPath(new URL("../../../../infra/citus/cluster.sh", import.meta.url));

/**
 * A database on every node of the Citus cluster whose coordinator `adminUrl` names, prepared
 * for the schema (infra/citus/cluster.sh database): its migrations then distribute each table.
 */
export async function createCitusDatabase(adminUrl: string, name: string, owner: string): Promise<void> {
  await cluster(adminUrl, "database", name, owner);
}

/** Drops it on every node. */
export async function dropCitusDatabase(adminUrl: string, name: string): Promise<void> {
  await cluster(adminUrl, "drop-database", name);
}

async function cluster(adminUrl: string, ...args: string[]) {
  await run("bash", [CLUSTER_SCRIPT, ...args], {
    env: childEnvironment({ CITUS_PORT: new URL(adminUrl).port }),
    timeout: 120_000,
  });
}
