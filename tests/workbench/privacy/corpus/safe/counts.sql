-- expect: none
SELECT COUNT(DISTINCT site_id) AS sites,
  COUNT(DISTINCT ip) AS addresses,
  COUNT(message_id) AS reports,
  COUNTIF(ip IS NULL) AS without_ip
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
