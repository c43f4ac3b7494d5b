-- leak: organisation: the number of site ids behind one address: a histogram of organisations that run several sites
WITH per_ip AS (
  SELECT ip, COUNT(DISTINCT site_id) AS sites FROM `bto-dataops-datalake-prod.dujour.community_metrics` WHERE ip IS NOT NULL GROUP BY ip
)
SELECT sites AS sites_behind_one_ip, COUNT(*) AS addresses
FROM per_ip
GROUP BY sites_behind_one_ip
