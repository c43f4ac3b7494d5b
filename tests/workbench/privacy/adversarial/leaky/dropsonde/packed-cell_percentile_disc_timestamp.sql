-- leak: packed-cell: PERCENTILE_DISC(timestamp, 0) is the exact first report's timestamp
SELECT DISTINCT PERCENTILE_DISC(timestamp, 0) OVER () AS first_report
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
