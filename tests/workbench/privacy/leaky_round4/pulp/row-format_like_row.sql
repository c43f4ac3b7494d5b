-- leak: row-format: FORMAT('%t') of the row LIKE a system id
SELECT DATE(timestamp) AS day, COUNTIF(FORMAT('%t', t) LIKE '%chosen-system%') AS chosen
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS t
GROUP BY day
HAVING COUNT(DISTINCT system_id) >= 5
