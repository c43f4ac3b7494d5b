-- leak: chosen-entity: system_id IN (SELECT x FROM UNNEST([literals])) has the shape of an allowed semi-join but selects one chosen system
SELECT
  c.name AS component,
  c.version,
  COUNT(*) AS posts
FROM `pulp-analytics-prod.analytics.pulp_analytics`, UNNEST(components) AS c
WHERE system_id IN (SELECT x FROM UNNEST(['77a03926-d1d5-41e8-87c0-a273a21a7b70']) AS x)
GROUP BY component, c.version
