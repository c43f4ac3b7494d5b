-- leak: row-per-report: microsecond of the timestamp as a histogram key
SELECT EXTRACT(MICROSECOND FROM timestamp) AS us, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY us
