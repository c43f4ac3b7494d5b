-- leak: concat-key: CONCAT of a component and the PostgreSQL major: two catalogues in one key
SELECT CONCAT(c.name, '@pg', CAST(postgresql_version AS STRING)) AS k, COUNT(DISTINCT system_id) AS systems
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
GROUP BY k
