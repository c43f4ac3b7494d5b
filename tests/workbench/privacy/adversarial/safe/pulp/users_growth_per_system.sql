-- safe: average growth of RBAC users between a system's consecutive posts, per PostgreSQL major (LAG within each system), majors of at least 5 systems
WITH steps AS (
  SELECT
    system_id,
    postgresql_version,
    rbac_stats.users - LAG(rbac_stats.users) OVER (PARTITION BY system_id ORDER BY timestamp) AS growth
  FROM `pulp-analytics-prod.analytics.pulp_analytics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 28 DAY)
)
SELECT
  DIV(postgresql_version, 10000) AS pg_major,
  ROUND(AVG(growth), 3) AS avg_growth,
  COUNT(DISTINCT system_id) AS systems
FROM steps
WHERE growth IS NOT NULL
GROUP BY pg_major
HAVING COUNT(DISTINCT system_id) >= 5
ORDER BY pg_major
