-- leak: foreign-tables: time travel reads posts deleted on request
SELECT postgresql_version, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics` FOR SYSTEM_TIME AS OF TIMESTAMP '2026-11-10 00:00:00+00' GROUP BY postgresql_version HAVING COUNT(DISTINCT system_id) >= 5
