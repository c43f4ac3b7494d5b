-- leak: one-row-pick: QUALIFY keeps the week's latest report only; its modules, keyed by public slugs, are one site's module list
WITH last AS (
  SELECT modules FROM `bto-dataops-datalake-prod.dujour.community_metrics`
  WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
  QUALIFY ROW_NUMBER() OVER (ORDER BY timestamp DESC) = 1
)
SELECT m.slug, m.version, COUNT(*) AS n
FROM last, UNNEST(modules) AS m
GROUP BY m.slug, m.version
