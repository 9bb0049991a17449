/**
 * `pnpm county:import <archive.tar.gz>`: loads a county exported from another deployment (the
 * platform console's 导出全部数据) into this one, on the database and files folder the app uses
 * (DATABASE_URL, else the embedded database in DATA_DIR: stop the app first, PGlite has one user).
 * The archive is checked whole before anything is written; the county must not be here yet.
 */
import path from "node:path";
import { systemClock } from "@rdlink/core/clock";
import { CountyArchiveError } from "@rdlink/core/tenants/county-archive";
import { importCounty } from "@rdlink/core/tenants/import-county";
import { openConfiguredDatabase } from "@rdlink/db";
import { env, filesDirectory } from "@rdlink/env";

const [archive] = process.argv.slice(2);
if (!archive) {
  console.error("用法：pnpm county:import <县区数据归档.tar.gz>");
  process.exit(2);
}
// pnpm runs the script in apps/web; the path is the caller's.
const archivePath = path.resolve(env().INIT_CWD ?? process.cwd(), archive);
const db = await openConfiguredDatabase();
try {
  const imported = await importCounty(db, { actor: null, ip: null, clock: systemClock }, archivePath, {
    filesDirectory: filesDirectory(),
  });
  console.log(`已导入${imported.name}：${imported.rows} 行数据，${imported.files} 个文件。`);
} catch (error) {
  if (!(error instanceof CountyArchiveError)) throw error;
  console.error(`未导入：${error.message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
