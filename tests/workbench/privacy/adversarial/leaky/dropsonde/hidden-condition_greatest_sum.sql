-- leak: hidden-condition: SUM(GREATEST(x, 560)) - 560 * COUNT(*) is the excess of the sites above 560 environments, one site's
SELECT version, SUM(GREATEST(environment_count, 560)) - 560 * COUNT(*) AS excess, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY version HAVING COUNT(DISTINCT site_id) >= 5
