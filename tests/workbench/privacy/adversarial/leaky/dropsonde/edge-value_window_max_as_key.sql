-- leak: edge-value: the largest site's value as the group key, through MAX(...) OVER () in a WITH query
WITH r AS (SELECT site_id, MAX(environment_count) OVER () AS top FROM `bto-dataops-datalake-prod.dujour.community_metrics`)
SELECT top, COUNT(DISTINCT site_id) AS sites FROM r GROUP BY top
