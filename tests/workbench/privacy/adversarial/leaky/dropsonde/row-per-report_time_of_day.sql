-- leak: row-per-report: TIME(timestamp) is one value per report
SELECT TIME(timestamp) AS t, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY t
