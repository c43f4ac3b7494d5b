-- leak: foreign-tables: the Dropsonde query joins the Pulp table (another source) by day
SELECT DATE(d.timestamp) AS day, COUNT(DISTINCT d.site_id) AS sites, COUNT(DISTINCT p.system_id) AS systems
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS d
JOIN `pulp-analytics-prod.analytics.pulp_analytics` AS p ON DATE(p.timestamp) = DATE(d.timestamp)
GROUP BY day
