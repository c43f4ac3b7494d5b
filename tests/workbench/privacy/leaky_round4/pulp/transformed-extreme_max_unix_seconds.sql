-- leak: transformed-extreme: MAX(UNIX_SECONDS(timestamp)): the exact time of the latest post
SELECT postgresql_version, MAX(UNIX_SECONDS(timestamp)) AS latest
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
