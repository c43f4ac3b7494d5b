-- leak: row-per-report: day plus microseconds within the day
SELECT DATE(timestamp) AS d, MOD(UNIX_MICROS(timestamp), 86400000000) AS us, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY d, us
