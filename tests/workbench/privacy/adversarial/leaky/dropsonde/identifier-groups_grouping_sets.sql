-- leak: identifier-groups: GROUPING SETS ((version), (version, site_id)) adds one row per site to the per-version totals
SELECT version, COUNT(*) AS reports, SUM(environment_count) AS environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY GROUPING SETS ((version), (version, site_id))
