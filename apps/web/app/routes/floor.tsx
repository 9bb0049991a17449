/**
 * The floor of what a page costs in this build (bench/http.bench.ts): the root's middleware,
 * loader and document around a static paragraph, with no session, no Mantine and no query.
 */
export default function Floor() {
  return (
    <main>
      <p>ok</p>
    </main>
  );
}
