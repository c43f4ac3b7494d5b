-- leak: packed-cell: MAX_BY the PostgreSQL version of the system with the most users
SELECT MAX_BY(postgresql_version, rbac_stats.users) AS pg, COUNT(DISTINCT system_id) AS systems FROM `pulp-analytics-prod.analytics.pulp_analytics`
