-- Shapes a data set made by `Guichet.Bench generate` (then migrated) for the agent workspace's scenarios:
-- four groups; 21 agents (the bench agent, and 20 customers of other organizations made agents); the bench
-- agent in three of the groups; 100,000 unsolved tickets, all in those three groups; 60 % of the tickets
-- assigned, spread over the agents. Run once, on a copy, with sqlite3 (docs/benchmarks.md, "Commands").
-- Triggers keep the queue and organization counts. The search index's scope tokens for groups and assignees
-- are not rewritten: searching a queue on this data set measures nothing.
BEGIN;
INSERT INTO "Groups" ("Name") VALUES ('Billing'), ('Level 2'), ('Field service');
CREATE TEMP TABLE bench_groups AS SELECT row_number() OVER (ORDER BY "Id") - 1 AS i, "Id" FROM "Groups";

INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
SELECT u."Id", r."Id" FROM "AspNetUsers" u, "AspNetRoles" r
WHERE r."Name" = 'Agent' AND u."Email" IN (SELECT 'customer' || (1000 * value) || '@bench.test' FROM generate_series(1, 19))
  AND NOT EXISTS (SELECT 1 FROM "AspNetUserRoles" x WHERE x."UserId" = u."Id" AND x."RoleId" = r."Id");
CREATE TEMP TABLE bench_agents AS
SELECT row_number() OVER (ORDER BY ur."UserId") - 1 AS i, ur."UserId" AS "Id" FROM "AspNetUserRoles" ur
JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" WHERE r."Name" = 'Agent';

-- The bench agent in the first three groups, each other agent in one or two.
INSERT OR IGNORE INTO "GroupMembers" ("GroupId", "UserId")
SELECT g."Id", u."Id" FROM "AspNetUsers" u, bench_groups g WHERE u."Email" = 'agent@bench.test' AND g.i < 3;
INSERT OR IGNORE INTO "GroupMembers" ("GroupId", "UserId")
SELECT g."Id", a."Id" FROM bench_agents a, bench_groups g WHERE g.i = a.i % 4 OR g.i = (a.i + 1) % 4 AND a.i % 2 = 0;

-- The newest tenth unsolved (the generator closed a quarter of it): 100,000 unsolved tickets.
UPDATE "Tickets" SET "StatusId" = (SELECT "Id" FROM "Statuses" WHERE "Category" = 1 ORDER BY "SortOrder" LIMIT 1), "SolvedAt" = NULL
WHERE "Number" > (SELECT MAX("Number") - 100000 FROM "Tickets") AND "StatusId" IN (SELECT "Id" FROM "Statuses" WHERE "Category" = 4);

-- Unsolved tickets in the bench agent's three groups, the others in all four; three tickets in five assigned.
UPDATE "Tickets" SET
    "GroupId" = (SELECT g."Id" FROM bench_groups g
                 WHERE g.i = "Tickets"."Number" % (CASE WHEN "Tickets"."StatusId" IN (SELECT "Id" FROM "Statuses" WHERE "Category" IN (0, 1, 2)) THEN 3 ELSE 4 END)),
    "AssigneeId" = CASE WHEN "Number" % 5 < 3
        THEN (SELECT a."Id" FROM bench_agents a WHERE a.i = "Tickets"."Number" % (SELECT COUNT(*) FROM bench_agents)) END;
COMMIT;
ANALYZE;
