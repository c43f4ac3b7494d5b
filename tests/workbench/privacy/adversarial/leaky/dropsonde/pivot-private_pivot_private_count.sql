-- leak: pivot-private: PIVOT over a private number makes each listed value a column: the count of sites with exactly 568 environments
SELECT * FROM (
  SELECT product, environment_count, site_id FROM `bto-dataops-datalake-prod.dujour.community_metrics`
)
PIVOT (COUNT(DISTINCT site_id) FOR environment_count IN (568 AS e568, 1 AS e1))
