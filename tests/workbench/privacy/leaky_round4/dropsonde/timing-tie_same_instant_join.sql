-- leak: timing-tie: a self-join on the exact report time: the sites whose reports coincide with another's
SELECT a.version, COUNT(DISTINCT a.site_id) AS sites_with_a_twin
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS a
JOIN `bto-dataops-datalake-prod.dujour.community_metrics` AS b ON a.timestamp = b.timestamp AND a.version <> b.version
GROUP BY a.version
HAVING COUNT(DISTINCT a.site_id) >= 5
