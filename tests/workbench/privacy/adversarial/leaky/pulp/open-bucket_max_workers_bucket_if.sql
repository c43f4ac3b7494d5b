-- leak: open-bucket: MAX of workers in the IF bucket 'more than 8' is the biggest deployment's count
SELECT IF(online_workers.processes > 8, 'more than 8', 'up to 8') AS workers,
  MAX(online_workers.processes) AS largest, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY workers
HAVING COUNT(DISTINCT system_id) >= 5
