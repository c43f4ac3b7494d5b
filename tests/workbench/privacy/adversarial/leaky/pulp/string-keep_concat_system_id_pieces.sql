-- leak: string-keep: SUBSTR pieces of system_id concatenated back in a GROUP BY key
SELECT CONCAT(SUBSTR(system_id, 1, 8), SUBSTR(system_id, 9)) AS s, COUNT(*) AS posts
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY s
