-- leak: shadowing: an UNNEST alias named like the public column version holds the ip: GROUP BY version groups by address
SELECT version, COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`, UNNEST([ip]) AS version
GROUP BY version
