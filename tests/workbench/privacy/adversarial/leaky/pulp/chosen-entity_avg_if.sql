-- leak: chosen-entity: AVG(IF(system_id = '<uuid>', workers, NULL)) hides one system's worker count in a daily statistics row
SELECT
  DATE(timestamp) AS day,
  COUNT(DISTINCT system_id) AS systems,
  AVG(online_workers.processes) AS avg_workers,
  AVG(IF(system_id = 'c063f9ba-5b69-4bfe-b7fb-ecc6b0cb56f7', online_workers.processes, NULL)) AS benchmark_workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day
