-- leak: row-json: JSON_VALUE of the row picks one system_id
SELECT postgresql_version, COUNTIF(JSON_VALUE(TO_JSON_STRING(t), '$.system_id') = 'chosen') AS chosen
FROM `pulp-analytics-prod.analytics.pulp_analytics` AS t
GROUP BY postgresql_version
HAVING COUNT(DISTINCT system_id) >= 5
