-- bench/queues.sql for PostgreSQL: the same shape (four groups, 20 agents, the bench agent in three groups,
-- 100,000 unsolved tickets in those three groups, 60 % assigned). Run once with psql on a migrated data set.
-- The count triggers are off during the mass updates and the counts are made again at the end: a million updates
-- of the same hundred count rows in one transaction leave PostgreSQL walking ever longer chains of row versions
-- (the first try ran for over 20 minutes). The application changes tickets 200 to 500 to a transaction.
BEGIN;
ALTER TABLE "Tickets" DISABLE TRIGGER "Tickets_QueueCount";
ALTER TABLE "Tickets" DISABLE TRIGGER "Tickets_Count";
INSERT INTO "Groups" ("Name") VALUES ('Billing'), ('Level 2'), ('Field service') ON CONFLICT DO NOTHING;
CREATE TEMP TABLE bench_groups AS SELECT (row_number() OVER (ORDER BY "Id") - 1)::int AS i, "Id" FROM "Groups";

INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
SELECT u."Id", r."Id" FROM "AspNetUsers" u, "AspNetRoles" r
WHERE r."Name" = 'Agent' AND u."Email" IN (SELECT 'customer' || (1000 * g) || '@bench.test' FROM generate_series(1, 19) g)
ON CONFLICT DO NOTHING;
CREATE TEMP TABLE bench_agents AS
SELECT (row_number() OVER (ORDER BY ur."UserId") - 1)::int AS i, ur."UserId" AS "Id" FROM "AspNetUserRoles" ur
JOIN "AspNetRoles" r ON r."Id" = ur."RoleId" WHERE r."Name" = 'Agent';

INSERT INTO "GroupMembers" ("GroupId", "UserId")
SELECT g."Id", u."Id" FROM "AspNetUsers" u, bench_groups g WHERE u."Email" = 'agent@bench.test' AND g.i < 3
ON CONFLICT DO NOTHING;
INSERT INTO "GroupMembers" ("GroupId", "UserId")
SELECT g."Id", a."Id" FROM bench_agents a, bench_groups g WHERE g.i = a.i % 4 OR (g.i = (a.i + 1) % 4 AND a.i % 2 = 0)
ON CONFLICT DO NOTHING;

UPDATE "Tickets" SET "StatusId" = (SELECT "Id" FROM "Statuses" WHERE "Category" = 1 ORDER BY "SortOrder" LIMIT 1), "SolvedAt" = NULL
WHERE "Number" > (SELECT MAX("Number") - 100000 FROM "Tickets") AND "StatusId" IN (SELECT "Id" FROM "Statuses" WHERE "Category" = 4);

UPDATE "Tickets" t SET "GroupId" = g."Id", "AssigneeId" = a."Id"
FROM bench_groups g, (SELECT NULL::uuid AS "Id", -1 AS i UNION ALL SELECT "Id", i FROM bench_agents) a
WHERE g.i = t."Number" % (CASE WHEN t."StatusId" IN (SELECT "Id" FROM "Statuses" WHERE "Category" IN (0, 1, 2)) THEN 3 ELSE 4 END)
  AND a.i = CASE WHEN t."Number" % 5 < 3 THEN t."Number" % (SELECT COUNT(*) FROM bench_agents) ELSE -1 END;

DELETE FROM "QueueTicketCounts";
INSERT INTO "QueueTicketCounts" ("GroupId", "AssigneeId", "StatusId", "Count")
SELECT COALESCE("GroupId", 0), COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "StatusId", COUNT(*)
FROM "Tickets" GROUP BY 1, 2, 3;
DELETE FROM "OrganizationTicketCounts";
INSERT INTO "OrganizationTicketCounts" ("OrganizationId", "StatusId", "Count")
SELECT "OrganizationId", "StatusId", COUNT(*) FROM "Tickets" WHERE "OrganizationId" IS NOT NULL GROUP BY 1, 2;
ALTER TABLE "Tickets" ENABLE TRIGGER "Tickets_QueueCount";
ALTER TABLE "Tickets" ENABLE TRIGGER "Tickets_Count";
COMMIT;
VACUUM ANALYZE "Tickets";
