-- leak: row-per-report: UNION DISTINCT of two non-aggregated branches keyed by the timestamp as a string (microseconds included) lists individual reports
SELECT CAST(timestamp AS STRING) AS reported_at, 'environments' AS stat, environment_count AS value
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
UNION DISTINCT
SELECT CAST(timestamp AS STRING) AS reported_at, 'modules' AS stat, ARRAY_LENGTH(modules) AS value
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
