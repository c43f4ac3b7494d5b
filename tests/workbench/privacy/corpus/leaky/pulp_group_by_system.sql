-- expect: identifier-groups
SELECT COUNT(*) AS posts, MAX(online_workers.processes) AS workers
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY system_id
