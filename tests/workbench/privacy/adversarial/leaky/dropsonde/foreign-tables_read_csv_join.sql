-- leak: foreign-tables: joins the source with read_csv(...) of a local list of site names
SELECT s.name, COUNT(*) AS reports
FROM `bto-dataops-datalake-prod.dujour.community_metrics` AS t
JOIN read_csv('sites.csv') AS s ON TO_HEX(t.site_id) = s.site_hex
GROUP BY s.name
