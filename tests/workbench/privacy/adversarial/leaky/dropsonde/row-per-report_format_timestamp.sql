-- leak: row-per-report: FORMAT_TIMESTAMP with seconds
SELECT FORMAT_TIMESTAMP('%F %T', timestamp) AS t, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY t
