-- leak: row-per-report: TIMESTAMP_TRUNC to the millisecond
SELECT TIMESTAMP_TRUNC(timestamp, MILLISECOND) AS t, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY t
