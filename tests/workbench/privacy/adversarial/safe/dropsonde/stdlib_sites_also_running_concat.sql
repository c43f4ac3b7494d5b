-- safe: weekly sites running puppetlabs-stdlib that also run puppetlabs-concat (semi-join WHERE site_id IN (SELECT site_id ...))
WITH stdlib AS (
  SELECT DISTINCT DATE_TRUNC(DATE(timestamp), WEEK) AS week, site_id
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m
  WHERE m.slug = 'puppetlabs-stdlib'
    AND timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 84 DAY)
)
SELECT
  week,
  COUNT(DISTINCT site_id) AS sites
FROM stdlib
WHERE site_id IN (
  SELECT site_id
  FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST(modules) AS m2
  WHERE m2.slug = 'puppetlabs-concat'
)
GROUP BY week
HAVING COUNT(DISTINCT site_id) >= 5
ORDER BY week
