-- leak: foreign-tables: a wildcard table community_metrics_* reads every table with that prefix (backups, raw exports), not only the source
SELECT _TABLE_SUFFIX AS suffix, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics_*`
GROUP BY suffix
