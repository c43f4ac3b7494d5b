-- leak: wrapping: FORMAT('%t') of a system's whole row (system_id too) in ANY_VALUE
SELECT postgresql_version, ANY_VALUE(FORMAT('%t', p)) AS sample, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS p
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
