-- leak: fine-time: a one-second window of report times inside a conditional cell picks one report
SELECT version, SUM(IF(timestamp >= TIMESTAMP '2026-11-14 10:00:00' AND timestamp < TIMESTAMP '2026-11-14 10:00:01', environment_count, 0)) AS picked, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
