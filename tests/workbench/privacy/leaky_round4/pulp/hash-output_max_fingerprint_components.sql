-- leak: hash-output: MAX of a hash of one system's component set
SELECT postgresql_version, MAX(FARM_FINGERPRINT(TO_JSON_STRING(components))) AS one_system
FROM `pulp-analytics-prod.analytics.pulp_analytics`
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
