-- leak: identifier-output: system_id is output under the alias deployment
SELECT `system_id` AS deployment, COUNT(*) AS posts
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY deployment
