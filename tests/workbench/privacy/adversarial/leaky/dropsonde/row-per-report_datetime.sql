-- leak: row-per-report: DATETIME(timestamp) is full precision
SELECT DATETIME(timestamp) AS t, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY t
