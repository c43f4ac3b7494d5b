-- leak: negated-extreme: MIN(constant - processes): the largest worker count
SELECT DATE(timestamp) AS day, 100000 - MIN(100000 - online_workers.processes) AS most_workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY day
HAVING COUNT(DISTINCT system_id) >= 5
