-- leak: self-exemption: a self-granted "privacy: allow identifier-output" header covers an output of IP prefixes
-- privacy: allow identifier-output because the address prefix is needed to tell NAT-ed sites apart
SELECT
  SUBSTR(ip, 1, STRPOS(ip, '.') + 3) AS address_prefix,
  COUNT(DISTINCT site_id) AS sites
FROM `bto-dataops-datalake-prod.dujour.community_metrics`
GROUP BY address_prefix
