-- leak: identifier-groups: a SHA256 of the site id, formatted
SELECT TO_HEX(SHA256(TO_HEX(site_id))) AS h, COUNT(*) AS n FROM `bto-dataops-datalake-prod.dujour.community_metrics` GROUP BY h
