import { useSearchParams } from "react-router";

/**
 * Filters of a server-side list that live in the query string. Pickers (Mantine Select)
 * change no native input, so a form's onChange never sees them: they call `setFilter`,
 * which also goes back to the first page and drops the filters that depend on this one
 * (`clears`: a community belongs to the township just changed).
 */
export function useListFilters() {
  const [params, setParams] = useSearchParams();
  const setFilter =
    (name: string, clears: string[] = []) =>
    (value: string | null) =>
      setParams((current) => {
        if (value) current.set(name, value);
        else current.delete(name);
        for (const dependent of [...clears, "page"]) current.delete(dependent);
        return current;
      });
  return { params, setFilter };
}
