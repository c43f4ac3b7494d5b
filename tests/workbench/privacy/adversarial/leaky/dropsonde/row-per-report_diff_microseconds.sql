-- leak: row-per-report: TIMESTAMP_DIFF in microseconds is the timestamp
SELECT TIMESTAMP_DIFF(timestamp, TIMESTAMP '2020-01-01', MICROSECOND) AS t, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY t
