-- leak: one-row-pick: WHERE timestamp = the earliest post time: one system's PostgreSQL major
SELECT postgresql_version, COUNT(*) AS posts
FROM `pulp-analytics-prod.analytics.pulp_analytics`
WHERE timestamp = (SELECT MIN(timestamp) FROM `pulp-analytics-prod.analytics.pulp_analytics`)
GROUP BY postgresql_version
