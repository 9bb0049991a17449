-- Indexes no query of the app's role can use (issue 21, decision 0049), which every step that moves
-- a case still wrote an entry in: under RLS a condition with a function that is not leakproof (`&&`
-- on arrays) cannot be searched in an index, so the GIN indexes on the co-handling units and the
-- teams were never read, and a unit's desk (its units OR its co-handled cases) cannot use the
-- partial index on units either; it reads cases_inbox_idx by role.
DROP INDEX "cases_unit_inbox_idx";--> statement-breakpoint
DROP INDEX "cases_co_units_idx";--> statement-breakpoint
DROP INDEX "cases_team_keys_idx";