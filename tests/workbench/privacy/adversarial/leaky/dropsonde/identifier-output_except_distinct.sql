-- leak: identifier-output: EXCEPT DISTINCT outputs the hex site ids that stopped reporting in the last week
SELECT TO_HEX(site_id) AS site FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp < TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
EXCEPT DISTINCT
SELECT TO_HEX(site_id) AS site FROM `bto-dataops-datalake-prod.dujour.community_metrics`
WHERE timestamp >= TIMESTAMP_SUB(CURRENT_TIMESTAMP(), INTERVAL 7 DAY)
