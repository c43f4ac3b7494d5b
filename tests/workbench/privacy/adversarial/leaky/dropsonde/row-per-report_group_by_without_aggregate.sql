-- leak: row-per-report: GROUP BY without an aggregate at the outermost level, keyed by the report time truncated to the second, is the report list
SELECT
  TIMESTAMP_TRUNC(timestamp, SECOND) AS reported_at,
  version,
  environment_count
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY reported_at, version, environment_count
