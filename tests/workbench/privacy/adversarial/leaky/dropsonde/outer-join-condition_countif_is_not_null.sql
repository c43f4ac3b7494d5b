-- leak: outer-join-condition: a LEFT JOIN to the sites with 568 environments makes COUNTIF(... IS NOT NULL) count them inside a large group
SELECT t.version, COUNTIF(c.s IS NOT NULL) AS chosen, COUNT(DISTINCT t.site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t LEFT JOIN (SELECT site_id AS s FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE environment_count = 568) AS c ON c.s = t.site_id
GROUP BY t.version HAVING COUNT(DISTINCT t.site_id) >= 5
