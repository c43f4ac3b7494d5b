-- leak: packed-cell: PERCENTILE_DISC of the timestamp is one post's exact time
SELECT DISTINCT postgresql_version, PERCENTILE_DISC(timestamp, 1) OVER (PARTITION BY postgresql_version) AS last_post FROM `pulp-analytics-prod.analytics.pulp_analytics`
