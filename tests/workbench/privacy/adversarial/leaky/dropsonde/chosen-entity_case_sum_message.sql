-- leak: chosen-entity: SUM(CASE WHEN message_id = '...' THEN environment_count ELSE 0 END) isolates one chosen report's value inside an innocent-looking weekly total
SELECT
  DATE_TRUNC(DATE(timestamp), WEEK) AS week,
  COUNT(DISTINCT site_id) AS sites,
  SUM(CASE WHEN message_id = 'a8bc2887e218e79c7b24d399eea6669c' THEN environment_count ELSE 0 END) AS reference_environments
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY week
